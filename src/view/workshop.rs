//! The workshop: exercise files (a `# key: value` header over a starting Dockerfile), the small
//! goal language a trainer writes in them, goals checked against the engine, and the progress a
//! learner keeps in the browser. Pure, so `cargo test` checks every exercise file.
//!
//! An exercise file, `static/exercises/NN-slug.Dockerfile`:
//!
//! ```text
//! # title: Split a Go build into builder and prod
//! # task: One or more lines saying what to do (joined with spaces).
//! # goal: stages >= 2
//! # goal: no warnings of AL1xx
//! # hint: Hints are revealed one at a time, in this order.
//!
//! FROM cleanstart-golang:1.21-builder
//! ...
//! ```
//!
//! The header is the run of `# key:` lines at the top; the first other line ends it (a blank
//! line there is dropped) and the rest is the starting Dockerfile. Goals, one per line:
//! `no syntax errors`; `no findings|warnings|errors [of PATTERN]` (warnings counts errors too;
//! PATTERN is a rule code, `x` for any digit, `*` for any rest: `AL104`, `AL1xx`);
//! `stages OP N`; `size OP N [MB|GB]` (the multi-stage estimate, uncompressed);
//! `reduction OP N%` (single- against multi-stage); `final base is [not] builder|dev|runtime|os|scratch`;
//! `final image matches PATTERN` and `final command matches PATTERN` (the final stage's image, and
//! its ENTRYPOINT then CMD as words joined by spaces; `*` is any run of characters): these tie an
//! exercise to its own program, so that no other file passes it (`tests/workshop.rs`).
//! OP is `<`, `<=`, `>`, `>=`, `=`, `under` or `over`.

mod eval;
mod file;
mod goal;
mod progress;

pub use eval::*;
pub use file::*;
pub use goal::*;
pub use progress::*;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Severity;

    fn goal(text: &str) -> Test {
        parse_goal(text)
            .unwrap_or_else(|e| panic!("{text}: {e:?}"))
            .test
    }

    fn goal_error(text: &str) -> (usize, String) {
        let e = parse_goal(text).expect_err(text);
        (e.column, e.message)
    }

    // ---- every exercise file ----

    #[test]
    fn there_are_at_least_eight_exercises_and_no_orphan_solutions() {
        assert!(FILES.len() >= 8, "{} exercises", FILES.len());
        assert_eq!(ORPHAN_SOLUTIONS, &[] as &[&str]);
    }

    #[test]
    fn every_exercise_parses_with_title_task_goals_and_hints() {
        for result in exercises() {
            let x = result.unwrap_or_else(|(id, errors)| {
                let errors: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
                panic!("static/exercises/{id}.Dockerfile:\n{}", errors.join("\n"))
            });
            assert!(!x.title.is_empty() && !x.task.is_empty(), "{}", x.id);
            assert!(!x.goals.is_empty() && !x.hints.is_empty(), "{}", x.id);
            assert!(
                x.start.starts_with("FROM") || x.start.starts_with("ARG"),
                "{}",
                x.id
            );
        }
    }

    #[test]
    fn every_start_fails_its_goals_and_every_solution_passes_them() {
        for x in exercises().into_iter().map(|r| r.unwrap()) {
            let start = check(&x.goals, &x.start);
            assert!(start[0].pass, "{}: the start must parse: {start:?}", x.id);
            assert!(!passed(&start), "{}: the start already passes", x.id);
            let solution = x.solution.as_deref().unwrap_or_else(|| {
                panic!("{}: no static/exercises/{}.solution.Dockerfile", x.id, x.id)
            });
            let outcomes = check(&x.goals, solution);
            assert!(
                passed(&outcomes),
                "{}: the solution fails: {outcomes:#?}",
                x.id
            );
        }
    }

    #[test]
    fn exercise_ids_are_unique_and_sorted() {
        let ids: Vec<&str> = FILES.iter().map(|f| f.id).collect();
        let mut sorted = ids.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(ids, sorted);
    }

    // ---- the file format ----

    const GOOD: &str = "# title: T\n# task: one\n# task: two\n# goal: stages >= 2\n# hint: h1\n# hint: h2\n\nFROM alpine:3.20\n";

    #[test]
    fn the_header_is_read_and_stripped_from_the_start() {
        let x = parse_exercise("01-x", GOOD, Some("FROM a")).unwrap();
        assert_eq!(x.title, "T");
        assert_eq!(x.task, "one two");
        assert_eq!(x.hints, ["h1", "h2"]);
        assert_eq!(x.goals[0].test, Test::Stages(Cmp::Ge, 2.0));
        assert_eq!(x.start, "FROM alpine:3.20\n");
        assert_eq!(x.solution.as_deref(), Some("FROM a"));
    }

    #[test]
    fn a_header_without_a_blank_line_ends_at_the_first_instruction() {
        let x = parse_exercise("x", "# title: T\n# task: t\n# goal: stages = 1\n# hint: h\n# syntax=docker/dockerfile:1\nFROM a\n", None).unwrap();
        assert_eq!(x.start, "# syntax=docker/dockerfile:1\nFROM a\n");
    }

    #[test]
    fn an_unknown_key_is_reported_at_its_column() {
        let errors = parse_exercise("x", "# title: T\n#  gaol: stages >= 2\n", None).unwrap_err();
        assert_eq!(errors[0].line, 2);
        assert_eq!(errors[0].column, 4);
        assert!(
            errors[0].message.contains("unknown key `gaol:`"),
            "{errors:?}"
        );
    }

    #[test]
    fn a_bad_goal_is_reported_at_the_column_of_the_mistake() {
        let text = "# title: T\n# task: t\n# goal: stages >= two\n# hint: h\nFROM a\n";
        let errors = parse_exercise("x", text, None).unwrap_err();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!((errors[0].line, errors[0].column), (3, 19));
        assert_eq!(&text.lines().nth(2).unwrap()[18..], "two");
        assert!(errors[0]
            .to_string()
            .starts_with("3:19: goal: expected a whole number"));
    }

    #[test]
    fn missing_parts_are_each_reported() {
        let errors = parse_exercise("x", "# title: T\n\n", None).unwrap_err();
        let messages: Vec<&str> = errors.iter().map(|e| e.message.as_str()).collect();
        assert!(
            messages.iter().any(|m| m.contains("`# task:`")),
            "{messages:?}"
        );
        assert!(messages.iter().any(|m| m.contains("`# goal:`")));
        assert!(messages.iter().any(|m| m.contains("`# hint:`")));
        assert!(messages
            .iter()
            .any(|m| m.contains("no starting Dockerfile")));
    }

    #[test]
    fn empty_values_a_second_title_and_a_bad_name_are_reported() {
        let errors = parse_exercise(
            "a b",
            "# title: T\n# title: U\n# hint:\n# task: t\n# goal: stages > 1\nFROM a",
            None,
        )
        .unwrap_err();
        let shown: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
        assert!(
            shown.iter().any(|e| e.starts_with("file name:")),
            "{shown:?}"
        );
        assert!(
            shown
                .iter()
                .any(|e| e.starts_with("2:3: a second `title:`")),
            "{shown:?}"
        );
        assert!(
            shown.iter().any(|e| e.contains("`hint:` needs a value")),
            "{shown:?}"
        );
    }

    #[test]
    fn a_file_that_is_only_header_or_empty_is_an_error_not_a_panic() {
        assert!(parse_exercise("x", "", None).is_err());
        assert!(parse_exercise("x", "# title: T", None).is_err());
        assert!(parse_exercise("x", "# title: é\n# tâsk: t\n", None).is_err());
    }

    // ---- the goal language ----

    #[test]
    fn goals_of_every_form_parse() {
        assert_eq!(goal("no syntax errors"), Test::NoSyntaxErrors);
        assert_eq!(
            goal("no findings of AL1xx"),
            Test::NoFindings {
                at_least: None,
                pattern: Some("AL1XX".into())
            }
        );
        assert_eq!(
            goal("No warnings of al104"),
            Test::NoFindings {
                at_least: Some(Severity::Warning),
                pattern: Some("AL104".into())
            }
        );
        assert_eq!(
            goal("no errors"),
            Test::NoFindings {
                at_least: Some(Severity::Error),
                pattern: None
            }
        );
        assert_eq!(
            goal("no finding AL104").clone(),
            Test::NoFindings {
                at_least: None,
                pattern: Some("AL104".into())
            }
        );
        assert_eq!(goal("stages >= 2"), Test::Stages(Cmp::Ge, 2.0));
        assert_eq!(goal("size < 50 MB"), Test::Size(Cmp::Lt, 50.0));
        assert_eq!(goal("size under 1.5GB"), Test::Size(Cmp::Lt, 1500.0));
        assert_eq!(goal("size <= 20"), Test::Size(Cmp::Le, 20.0));
        assert_eq!(goal("reduction >= 80%"), Test::Reduction(Cmp::Ge, 80.0));
        assert_eq!(goal("reduction over 80 %"), Test::Reduction(Cmp::Gt, 80.0));
        assert_eq!(
            goal("final base is not builder"),
            Test::FinalBase {
                not: true,
                class: BaseClass::Builder
            }
        );
        assert_eq!(
            goal("final base is scratch"),
            Test::FinalBase {
                not: false,
                class: BaseClass::Scratch
            }
        );
    }

    #[test]
    fn final_image_and_command_goals_parse_and_match() {
        assert_eq!(
            goal("final image matches cleanstart-golang:*-prod"),
            Test::FinalMatches {
                what: Final::Image,
                pattern: "cleanstart-golang:*-prod".into()
            }
        );
        assert_eq!(
            goal("Final command MATCHES /usr/sbin/nginx  -g *"),
            Test::FinalMatches {
                what: Final::Command,
                pattern: "/usr/sbin/nginx -g *".into()
            }
        );
        assert_eq!(
            goal_error("final command matches"),
            (
                22,
                "expected a pattern such as `*-prod`, found the end of the goal".into()
            )
        );
        assert_eq!(goal_error("final image is x").0, 13);
        assert!(glob_matches("a*-prod", "a:1.21-prod"));
        assert!(glob_matches("*", ""));
        assert!(glob_matches("/app", "/app"));
        assert!(!glob_matches("/app", "/app2"));
        assert!(!glob_matches("a*-prod", "a:1.21-dev"));
        assert!(glob_matches("*a*b*c", "xxaxxbxxbxc"));
        // Long hostile input stays quick (quadratic at worst, no backtracking blow-up).
        let long = "a".repeat(5000);
        assert!(!glob_matches("*a*a*a*b", &long));
    }

    #[test]
    fn final_goals_read_the_final_stage_and_its_parents() {
        let goals: Vec<Goal> = [
            "final image matches cleanstart-golang:*-prod",
            "final command matches /bin/app --serve",
        ]
        .iter()
        .map(|g| parse_goal(g).unwrap())
        .collect();
        let text = "FROM cleanstart-golang:1.21-prod AS base\nENTRYPOINT [\"/bin/app\"]\nFROM base\nCMD [\"--serve\"]\n";
        let out = check(&goals, text);
        assert!(passed(&out), "{out:?}");
        let out = check(&goals, "FROM scratch\nCMD /bin/app\n");
        assert!(
            !out[1].pass && out[1].detail.contains("`scratch`"),
            "{out:?}"
        );
        assert!(
            !out[2].pass && out[2].detail.contains("`/bin/app`"),
            "{out:?}"
        );
        assert_eq!(out[2].places[0].label, "the final command on line 2");
        let out = check(&goals, "");
        assert!(!out[1].pass && !out[2].pass, "{out:?}");
    }

    #[test]
    fn goal_mistakes_say_where_and_what() {
        assert_eq!(goal_error("stages => 2").0, 8);
        assert!(goal_error("stages => 2")
            .1
            .contains("expected a comparison"));
        assert_eq!(
            goal_error("size < 50 KB"),
            (11, "expected `MB` or `GB`, found `kb`".into())
        );
        assert_eq!(goal_error("no findings of AL9xx").0, 16);
        assert_eq!(goal_error("no findings of").0, 15);
        assert_eq!(goal_error("final base is shiny").0, 15);
        assert_eq!(goal_error("final stage is builder").0, 7);
        assert_eq!(goal_error("stages >= 2 please").0, 13);
        assert!(goal_error("make it small")
            .1
            .starts_with("unknown goal `make`"));
        assert_eq!(goal_error("").0, 1);
        assert_eq!(
            goal_error("size < -3 MB").1,
            "expected a number, found `-3`"
        );
        assert_eq!(goal_error("size < NaN").1, "expected a number, found `nan`");
        // Columns count characters, not bytes.
        assert_eq!(goal_error("final base is é").0, 15);
    }

    #[test]
    fn code_patterns_match_digits_and_rests() {
        assert!(code_matches("AL1xx", "AL104"));
        assert!(code_matches("al104", "AL104"));
        assert!(!code_matches("AL1xx", "AL204"));
        assert!(!code_matches("AL10", "AL104"));
        assert!(code_matches("AL2*", "AL271"));
        assert!(code_matches("*", "AL101"));
        assert!(!code_matches("AL1xx", "AL1"));
    }

    #[test]
    fn checking_reports_each_goal_with_what_was_found() {
        let goals: Vec<Goal> = [
            "stages >= 2",
            "no warnings of AL1xx",
            "final base is not builder",
            "size < 50 MB",
        ]
        .iter()
        .map(|g| parse_goal(g).unwrap())
        .collect();
        let text = "FROM cleanstart-golang:1.21-builder\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /usr/local/bin/app .\nUSER 65532\nENTRYPOINT [\"/usr/local/bin/app\"]\n";
        let out = check(&goals, text);
        assert_eq!(out.len(), 5);
        assert!(out[0].pass);
        assert_eq!((out[1].pass, out[1].detail.as_str()), (false, "1 stage(s)"));
        assert!(
            !out[2].pass && out[2].detail.contains("AL102 on line 1"),
            "{:?}",
            out[2]
        );
        assert!(
            !out[3].pass && out[3].detail.contains("a builder image"),
            "{:?}",
            out[3]
        );
        assert!(!out[4].pass && out[4].detail.contains("MB"), "{:?}", out[4]);

        // Failing goals point at their places in the text; passing ones and stage counts do not.
        let at = |o: &Outcome| -> Vec<(String, &str)> {
            o.places
                .iter()
                .map(|p| (p.label.clone(), &text[p.span.start..p.span.end]))
                .collect()
        };
        assert!(out[0].places.is_empty() && out[1].places.is_empty());
        let findings = at(&out[2]);
        assert_eq!(findings[0].0, "AL102 on line 1", "{findings:?}");
        assert!(
            findings[0].1.contains("cleanstart-golang:1.21-builder"),
            "{findings:?}"
        );
        let from = "FROM cleanstart-golang:1.21-builder";
        for o in &out[3..] {
            assert_eq!(at(o), vec![("the final FROM on line 1".to_string(), from)]);
        }
    }

    #[test]
    fn places_are_few_and_follow_the_goal() {
        // Eight stages that each break AL1xx rules: at most six places, in text order.
        let text: String = (0..8)
            .map(|i| format!("FROM golang:1.22 AS s{i}\nRUN go build ./...\n"))
            .collect();
        let goals = vec![parse_goal("no findings").unwrap()];
        let out = check(&goals, &text);
        assert!(!out[1].pass);
        assert_eq!(out[1].places.len(), MAX_PLACES, "{:?}", out[1].places);
        assert!(out[1]
            .places
            .windows(2)
            .all(|w| w[0].span.start <= w[1].span.start));
        // A syntax error is a place of the first outcome.
        let out = check(&goals, "FROM alpine:3.20\nFORM x\n");
        assert_eq!(out[0].places.len(), 1);
        assert_eq!(out[0].places[0].label, "syntax error on line 2");
    }

    #[test]
    fn a_file_with_syntax_errors_never_passes() {
        let goals = vec![parse_goal("stages >= 1").unwrap()];
        let out = check(&goals, "FROM alpine:3.20\nFORM x\n");
        assert!(out[1].pass);
        assert!(
            !out[0].pass && out[0].detail.contains("line 2"),
            "{:?}",
            out[0]
        );
        assert!(!passed(&out));
    }

    #[test]
    fn an_empty_file_fails_size_and_final_base_goals() {
        let goals: Vec<Goal> = [
            "size < 50 MB",
            "final base is not builder",
            "reduction >= 10%",
        ]
        .iter()
        .map(|g| parse_goal(g).unwrap())
        .collect();
        let out = check(&goals, "");
        assert!(out[1..].iter().all(|o| !o.pass), "{out:?}");
    }

    // ---- progress and the query ----

    #[test]
    fn progress_round_trips_and_survives_damage() {
        let mut p = Progress::default();
        p.solved.insert("01-a".into());
        p.current = Some("02-b".into());
        p.hints.insert("02-b".into(), 2);
        assert_eq!(Progress::parse(&p.serialize()), p);
        assert_eq!(p.hints_shown("02-b"), 2);
        assert_eq!(Progress::parse("garbage"), Progress::default());
        assert_eq!(Progress::parse(""), Progress::default());
        let damaged = "airlock-workshop 1\nsolved 01-a\nhints 02-b many\nsolved\nwhat is this\n";
        let q = Progress::parse(damaged);
        assert!(q.solved.contains("01-a") && q.hints.is_empty() && q.solved.len() == 1);
    }

    #[test]
    fn exercise_buffers_round_trip_and_other_versions_are_not_read() {
        for text in ["", "FROM a\n", "\n\nFROM a\r\nRUN x\n", "é\u{0}"] {
            assert_eq!(decode_buffer(&encode_buffer(text)), Some(text));
        }
        assert_eq!(decode_buffer("FROM a\n"), None);
        assert_eq!(decode_buffer("airlock-exercise 2\nFROM a"), None);
        assert_eq!(decode_buffer("airlock-exercise 1"), None);
    }

    #[test]
    fn the_query_picks_the_mode() {
        assert_eq!(mode_from_query(""), Mode::Playground);
        assert_eq!(mode_from_query("?workshop"), Mode::Workshop(None));
        assert_eq!(
            mode_from_query("?x=1&workshop=02-python-venv"),
            Mode::Workshop(Some("02-python-venv".into()))
        );
        assert_eq!(mode_from_query("?workshop=<script>"), Mode::Workshop(None));
        assert_eq!(mode_from_query("?trainer"), Mode::Trainer);
        assert_eq!(mode_from_query("?workshop&trainer"), Mode::Trainer);
    }
}
