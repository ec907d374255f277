//! The trainer's page (`?trainer`): every exercise with its task, goals, hints, starting
//! Dockerfile and reference solution, and whether the engine agrees that the start fails and
//! the solution passes and that no other built-in Dockerfile (an example, another exercise's
//! start or solution) passes it. Exercise files with mistakes are listed with their positions.

use yew::prelude::*;

use super::rich::rich;
use crate::view::examples::FILES as EXAMPLE_FILES;
use crate::view::workshop::{check, exercises, passed, passed_by_others, Exercise};

fn verdict(label: &str, ok: bool, good: &str, bad: &str) -> Html {
    html! {
        <li class={class_list!("trainer-verdict", if ok { "pass" } else { "fail" })}>
            <span aria-hidden="true">{ if ok { "✓ " } else { "✗ " } }</span>
            { format!("{label}: {}", if ok { good } else { bad }) }
        </li>
    }
}

fn exercise_card(n: usize, x: &Exercise, others: &[String]) -> Html {
    let start_fails = !passed(&check(&x.goals, &x.start));
    let solution_passes = x
        .solution
        .as_deref()
        .is_some_and(|s| passed(&check(&x.goals, s)));
    html! {
        <article class="trainer-exercise" id={format!("exercise-{}", x.id)} data-id={x.id.clone()}>
            <h2>{ format!("{n}. {}", x.title) }</h2>
            <p class="trainer-file"><code>{ format!("static/exercises/{}.Dockerfile", x.id) }</code></p>
            <p>{ rich(&x.task) }</p>
            <ul class="trainer-verdicts">
                { verdict("Start", start_fails, "fails its goals, as it should", "already passes its goals") }
                { verdict("Solution", solution_passes, "passes every goal",
                    if x.solution.is_some() { "fails a goal" } else { "missing" }) }
                { verdict("Others", others.is_empty(), "no example and no other exercise passes it",
                    &format!("also passed by {}", others.join(", "))) }
            </ul>
            <h3>{ "Goals" }</h3>
            <ul class="trainer-goals">
                { for x.goals.iter().map(|g| html! { <li><code>{ &g.text }</code></li> }) }
            </ul>
            <h3>{ "Hints, in order" }</h3>
            <ol class="trainer-hints">{ for x.hints.iter().map(|h| html! { <li>{ rich(h) }</li> }) }</ol>
            <div class="trainer-files">
                <div>
                    <h3>{ "Start" }</h3>
                    <pre class="trainer-start"><code>{ &x.start }</code></pre>
                </div>
                <div>
                    <h3>{ "Solution" }</h3>
                    <pre class="trainer-solution"><code>{ x.solution.clone().unwrap_or_default() }</code></pre>
                </div>
            </div>
        </article>
    }
}

#[component]
pub fn TrainerPage() -> Html {
    let all = use_memo((), |_| exercises());
    let usable: Vec<&Exercise> = all.iter().flatten().collect();
    let others = use_memo((), {
        let usable: Vec<Exercise> = usable.iter().map(|x| (*x).clone()).collect();
        move |_| passed_by_others(&usable.iter().collect::<Vec<_>>(), EXAMPLE_FILES)
    });
    html! {
        <div class="trainer-page" id="app">
            <header class="site-header">
                <h1>{ "airlock workshop: trainer view" }</h1>
                <p class="tagline">
                    { format!("{} exercises. Add one by putting NN-slug.Dockerfile and NN-slug.solution.Dockerfile in static/exercises/ and rebuilding; see the README.", usable.len()) }
                </p>
                <a id="workshop-link" href="?workshop">{ "Open the workshop" }</a>
            </header>
            <main class="trainer-list" id="trainer-list">
                { for all.iter().filter_map(|r| r.as_ref().err()).map(|(id, errors)| html! {
                    <section class="trainer-broken" role="alert">
                        <h2>{ format!("static/exercises/{id}.Dockerfile has mistakes") }</h2>
                        <ul>{ for errors.iter().map(|e| html! { <li>{ e.to_string() }</li> }) }</ul>
                    </section>
                }) }
                { for usable.iter().enumerate().map(|(i, x)| exercise_card(i + 1, x, &others[i])) }
            </main>
        </div>
    }
}
