#![allow(clippy::disallowed_methods)]
//! Every workshop exercise checks the participant's work: its start fails its goals, its
//! solution passes them, and nothing else built in passes them (no example, no other exercise's
//! start or solution). A table over every pair, so a new exercise or example is covered at once.
//! (That each start fails and each solution passes is `view::workshop`'s own test.)

use airlock::view::examples::FILES as EXAMPLE_FILES;
use airlock::view::workshop::{check, exercises, passed, passed_by_others, Exercise};

fn all() -> Vec<Exercise> {
    exercises()
        .into_iter()
        .map(|r| r.unwrap_or_else(|(id, e)| panic!("{id}: {e:?}")))
        .collect()
}

#[test]
fn no_example_and_no_other_exercise_passes_an_exercise() {
    let exercises = all();
    // Every text built in, named for the message.
    let mut texts: Vec<(String, &str)> = EXAMPLE_FILES
        .iter()
        .map(|(id, text)| (format!("static/examples/{id}.Dockerfile"), *text))
        .collect();
    for x in &exercises {
        texts.push((format!("the start of {}", x.id), &x.start));
        if let Some(s) = &x.solution {
            texts.push((format!("the solution of {}", x.id), s));
        }
    }
    assert!(texts.len() > exercises.len() * 2, "{} texts", texts.len());
    let mut wrong = Vec::new();
    for x in &exercises {
        let own = format!("the solution of {}", x.id);
        for (name, text) in &texts {
            if *name != own && passed(&check(&x.goals, text)) {
                wrong.push(format!("{name} passes {}", x.id));
            }
        }
    }
    assert!(wrong.is_empty(), "\n{}", wrong.join("\n"));
    // The trainer page shows the same facts.
    let refs: Vec<&Exercise> = exercises.iter().collect();
    let shown = passed_by_others(&refs, EXAMPLE_FILES);
    assert_eq!(shown.len(), exercises.len());
    assert!(shown.iter().all(Vec::is_empty), "{shown:?}");
}

#[test]
fn the_trainer_page_names_what_else_passes_an_exercise() {
    // Goals that any builder -> prod file passes: the seed examples and several solutions do.
    let mut loose = all();
    for x in &mut loose {
        x.goals.truncate(1);
    }
    let refs: Vec<&Exercise> = loose.iter().collect();
    let shown = passed_by_others(&refs, EXAMPLE_FILES);
    let first = &shown[0];
    assert!(
        first.iter().any(|n| n == "the example seed-go"),
        "{first:?}"
    );
    assert!(!first.contains(&format!("the solution of {}", loose[0].id)));
}
