//! The Workshop tab: the exercises (`static/exercises/`) with the learner's progress, the task,
//! hints revealed one at a time, and a Check button that runs the exercise's goals against the
//! exercise's own buffer (`workshop::check`). Each exercise has its buffer: showing the tab or
//! opening an exercise puts it in the editor (the learner's kept text, else the starting file),
//! and the edits are kept per exercise (`use_exercise_buffer`). `?workshop` (or `?workshop=ID`)
//! opens it.

use std::rc::Rc;

use yew::prelude::*;

use super::rich::rich;
use crate::view::workshop::{
    check, exercises, mode_from_query, passed, Exercise, Mode, Outcome, Place,
};
use crate::web::dom::{location_query, select_in_editor};
use crate::web::hooks::{load_buffer, use_app_state, use_workshop_progress, AppContext};
use crate::web::state::{Action, Tab};

/// The result of the last Check: for which exercise and text.
#[derive(Clone, PartialEq)]
struct Checked {
    id: String,
    /// The text checked: its places are offered only while the editor still holds it.
    text: Rc<str>,
    outcomes: Rc<Vec<Outcome>>,
}

/// A failing goal's places as buttons that select them in the editor, like a finding's row.
fn place_buttons(state: &AppContext, places: &[Place]) -> Html {
    if places.is_empty() {
        return Html::default();
    }
    let buttons = places.iter().map(|p| {
        let state = state.clone();
        let span = p.span;
        let jump = Callback::from(move |_: MouseEvent| {
            state.dispatch(Action::Caret(span.start));
            select_in_editor(&state.text, span);
        });
        html! {
            <li><button type="button" class="goal-place" onclick={jump}
                        title="Select it in the editor">{ &p.label }</button></li>
        }
    });
    html! { <ul class="goal-places" aria-label="Where">{ for buttons }</ul> }
}

/// The learner's text for an exercise: the kept buffer, else the starting file.
fn buffer(x: &Exercise) -> String {
    load_buffer(&x.id).unwrap_or_else(|| x.start.clone())
}

#[derive(Properties, PartialEq)]
pub struct WorkshopPaneProps {
    /// Whether the pane is shown: showing it puts the exercise's buffer in the editor.
    pub shown: bool,
}

#[component]
pub fn WorkshopPane(props: &WorkshopPaneProps) -> Html {
    let state = use_app_state();
    let all = use_memo((), |_| exercises());
    let handle = use_workshop_progress();
    let checked = use_state(|| None::<Checked>);

    // Opens an exercise with `text` (its buffer, or its starting file to start over): the text
    // it replaces is kept aside (with the drafts, and a banner to bring it back) when it is the
    // user's own work and not another exercise's buffer, which is kept already.
    let open_with = {
        let state = state.clone();
        let handle = handle.clone();
        let checked = checked.clone();
        Callback::from(move |(x, text): (Exercise, String)| {
            state.dispatch(Action::OpenExercise {
                id: x.id.as_str().into(),
                text,
            });
            let mut progress = (*handle.progress).clone();
            progress.current = Some(x.id.clone());
            handle.set(progress);
            checked.set(None);
        })
    };
    let open = {
        let open_with = open_with.clone();
        Callback::from(move |x: Exercise| {
            let text = buffer(&x);
            open_with.emit((x, text));
        })
    };
    // `?workshop[=ID]`: open the tab once, when the page starts, and with an id that exercise
    // (its buffer in the editor); the exercise open before is then not opened over it.
    let from_query = use_mut_ref(|| false);
    {
        let state = state.clone();
        let all = all.clone();
        let open = open.clone();
        let from_query = from_query.clone();
        use_effect_with((), move |_| {
            if let Mode::Workshop(id) = mode_from_query(&location_query()) {
                state.dispatch(Action::ShowTab(Tab::Workshop));
                let wanted = id.and_then(|id| all.iter().flatten().find(|x| x.id == id));
                if let Some(x) = wanted {
                    *from_query.borrow_mut() = true;
                    open.emit(x.clone());
                }
            }
        });
    }

    let usable: Vec<&Exercise> = all.iter().flatten().collect();
    if usable.is_empty() {
        return html! { <p class="workshop-empty">{ "There are no exercises in this build." }</p> };
    }
    let progress = handle.progress.clone();
    let at = progress
        .current
        .as_ref()
        .and_then(|id| usable.iter().position(|x| &x.id == id))
        .unwrap_or(0);
    let exercise = usable[at];
    // Showing the tab puts the exercise's buffer in the editor, unless it is there already.
    {
        let open = open.clone();
        let x = exercise.clone();
        let holds = state.exercise.as_deref() == Some(x.id.as_str());
        let from_query = from_query.clone();
        use_effect_with(props.shown, move |&shown| {
            let opened_by_query = std::mem::take(&mut *from_query.borrow_mut());
            if shown && !holds && !opened_by_query {
                open.emit(x);
            }
        });
    }
    let solved = usable
        .iter()
        .filter(|x| progress.solved.contains(&x.id))
        .count();

    let go = |to: Option<usize>| {
        let open = open.clone();
        let target = to.and_then(|i| usable.get(i)).map(|x| (*x).clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(x) = target.clone() {
                open.emit(x);
            }
        })
    };

    let start_over = {
        let open_with = open_with.clone();
        let x = exercise.clone();
        Callback::from(move |_: MouseEvent| open_with.emit((x.clone(), x.start.clone())))
    };
    let on_check = {
        let state = state.clone();
        let handle = handle.clone();
        let checked = checked.clone();
        let x = exercise.clone();
        Callback::from(move |_: MouseEvent| {
            // The exercise's buffer only: another text in the editor (an example) is not its work.
            let text: Rc<str> = if state.exercise.as_deref() == Some(x.id.as_str()) {
                state.text.clone()
            } else {
                buffer(&x).into()
            };
            let outcomes = check(&x.goals, &text);
            if passed(&outcomes) {
                let mut progress = (*handle.progress).clone();
                progress.solved.insert(x.id.clone());
                progress.current = Some(x.id.clone());
                handle.set(progress);
            }
            checked.set(Some(Checked {
                id: x.id.clone(),
                text,
                outcomes: Rc::new(outcomes),
            }));
        })
    };
    let shown = progress.hints_shown(&exercise.id).min(exercise.hints.len());
    let on_hint = {
        let handle = handle.clone();
        let id = exercise.id.clone();
        let total = exercise.hints.len();
        Callback::from(move |_: MouseEvent| {
            let mut progress = (*handle.progress).clone();
            let n = progress.hints_shown(&id);
            progress.hints.insert(id.clone(), (n + 1).min(total));
            handle.set(progress);
        })
    };

    let result = checked.as_ref().filter(|c| c.id == exercise.id);
    // Places point into the checked text: after an edit they may point anywhere, so they wait
    // for the next Check.
    let current = result.is_some_and(|c| c.text == state.text);
    let goal_rows: Html = match result {
        Some(c) => c
            .outcomes
            .iter()
            .map(|o| {
                html! {
                    <li class={class_list!("goal", if o.pass { "pass" } else { "fail" })}
                        data-pass={if o.pass { "true" } else { "false" }}>
                        <span class="goal-mark" aria-hidden="true">{ if o.pass { "✓" } else { "✗" } }</span>
                        <span class="visually-hidden">{ if o.pass { "passes: " } else { "fails: " } }</span>
                        <code>{ &o.goal }</code>
                        <span class="goal-detail">{ " — " }{ rich(&o.detail) }</span>
                        if current { { place_buttons(&state, &o.places) } }
                    </li>
                }
            })
            .collect(),
        None => exercise
            .goals
            .iter()
            .map(|g| html! { <li class="goal"><code>{ &g.text }</code></li> })
            .collect(),
    };
    let verdict = result.map(|c| {
        let passing = c.outcomes.iter().filter(|o| o.pass).count();
        if passed(&c.outcomes) {
            "Solved: every goal passes.".to_string()
        } else {
            format!("Not yet: {passing} of {} goals pass.", c.outcomes.len())
        }
    });

    html! {
        <section class="workshop" aria-labelledby="workshop-heading">
            <div class="workshop-head">
                <h2 id="workshop-heading">{ "Workshop" }</h2>
                <p id="workshop-progress" data-solved={solved.to_string()}>
                    { format!("{solved} of {} solved", usable.len()) }
                </p>
                <progress max={usable.len().to_string()} value={solved.to_string()}
                          aria-labelledby="workshop-progress"></progress>
                <a id="trainer-link" href="?trainer">{ "Trainer view: every exercise with goals and solutions" }</a>
            </div>
            if let Some(problem) = &handle.problem {
                <p class="workshop-note" role="note">{ problem }</p>
            }
            <ol class="exercise-list" id="exercise-list" aria-label="Exercises">
                { for usable.iter().enumerate().map(|(i, x)| {
                    let done = progress.solved.contains(&x.id);
                    html! {
                        <li>
                            <button type="button" data-id={x.id.clone()}
                                    class={class_list!("exercise-item", (i == at).then_some("selected"), done.then_some("solved"))}
                                    aria-current={(i == at).then_some("step")}
                                    onclick={go(Some(i))}>
                                <span class="exercise-mark" aria-hidden="true">{ if done { "✓" } else { "" } }</span>
                                { format!("{}. {}", i + 1, x.title) }
                                if done { <span class="visually-hidden">{ " (solved)" }</span> }
                            </button>
                        </li>
                    }
                }) }
            </ol>
            { for all.iter().filter_map(|r| r.as_ref().err()).map(|(id, errors)| html! {
                <p class="workshop-note" role="note">
                    { format!("static/exercises/{id}.Dockerfile cannot be used: {}",
                        errors.iter().map(|e| e.to_string()).collect::<Vec<_>>().join("; ")) }
                </p>
            }) }
            <article class="exercise" id="exercise" data-id={exercise.id.clone()}>
                <h3>{ format!("Exercise {} of {}: {}", at + 1, usable.len(), exercise.title) }</h3>
                <p class="exercise-task">{ rich(&exercise.task) }</p>
                <button type="button" id="exercise-load" onclick={start_over}>
                    { "Start over from the starting Dockerfile" }
                </button>
                <h4>{ "Goals" }</h4>
                <ul id="exercise-goals" class="goals">{ goal_rows }</ul>
                <div class="exercise-actions">
                    <button type="button" id="exercise-check" class="primary" onclick={on_check}>{ "Check" }</button>
                    <p id="exercise-verdict" role="status" aria-live="polite"
                       data-solved={result.map(|c| passed(&c.outcomes).to_string())}>
                        { verdict.unwrap_or_default() }
                    </p>
                </div>
                <h4>{ "Hints" }</h4>
                // A new hint is read out; the button stays focusable after the last one (aria-disabled,
                // not disabled), so keyboard focus is not dropped to the page.
                <ol id="exercise-hints" class="hints" aria-live="polite">
                    { for exercise.hints.iter().take(shown).map(|h| html! { <li>{ rich(h) }</li> }) }
                </ol>
                <button type="button" id="exercise-hint" onclick={on_hint}
                        aria-disabled={(shown >= exercise.hints.len()).then_some("true")}>
                    { if shown >= exercise.hints.len() {
                        "No more hints".to_string()
                    } else {
                        format!("Show a hint ({} of {})", shown + 1, exercise.hints.len())
                    } }
                </button>
                <nav class="exercise-nav" aria-label="Exercises">
                    <button type="button" id="exercise-prev" disabled={at == 0}
                            onclick={go(at.checked_sub(1))}>{ "← Previous" }</button>
                    <button type="button" id="exercise-next" disabled={at + 1 >= usable.len()}
                            onclick={go(Some(at + 1))}>{ "Next →" }</button>
                </nav>
            </article>
        </section>
    }
}
