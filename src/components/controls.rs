//! Controls generated from a hyperparameter schema: a labelled slider with a number box (linear
//! or log), a select, a toggle. Each shows its value and unit, says whether it is a
//! hyperparameter, and writes through [`UrlParams`] so the URL follows.

use crate::url_state::UrlParams;
use hyperlab_ml::schema::{format_number, Kind, ParamSpec, Scale, Value};
use leptos::prelude::*;

/// The right control for a knob, from its kind. Hidden knobs (embed `hide=`) render nothing.
#[component]
pub fn Control(spec: &'static ParamSpec, state: UrlParams) -> impl IntoView {
    if state.is_hidden(spec.key) {
        return ().into_any();
    }
    match spec.kind {
        Kind::Float { .. } | Kind::Int { .. } => view! { <Slider spec state/> }.into_any(),
        Kind::Choice { .. } => view! { <Select spec state/> }.into_any(),
        Kind::Bool { .. } => view! { <Toggle spec state/> }.into_any(),
    }
}

#[component]
fn KnobTag(spec: &'static ParamSpec) -> impl IntoView {
    let (class, text, title) = if spec.hyper {
        ("tag tag-hyper", "hyperparameter", "You set it before training; search methods tune it.")
    } else {
        ("tag tag-setting", "setting", "Part of the problem or the demo, not of the model.")
    };
    view! { <span class=class title=title>{text}</span> }
}

#[component]
pub fn Slider(spec: &'static ParamSpec, state: UrlParams) -> impl IntoView {
    let params = state.params;
    let value = Memo::new(move |_| params.with(|p| p.get(spec.key)).unwrap_or(spec.default_value()));
    let id = format!("ctl-{}", spec.key);
    let num_id = format!("num-{}", spec.key);
    let help_id = format!("help-{}", spec.key);
    let set = move |v: Value| {
        state.edit(|p| {
            p.set(spec.key, v);
        })
    };
    let (min, max, step) = match spec.kind {
        Kind::Float { min, max, scale: Scale::Log, zero, .. } => (if zero { 0.0 } else { min }, max, "any".to_string()),
        Kind::Float { min, max, step, .. } => (min, max, format_number(step)),
        Kind::Int { min, max, .. } => (min as f64, max as f64, "1".to_string()),
        _ => (0.0, 1.0, "any".to_string()),
    };
    let shown = move || {
        let v = value.get();
        format!("{}{}", spec.display(v), if spec.unit.is_empty() { String::new() } else { format!(" {}", spec.unit) })
    };
    let scale_note = match spec.kind {
        Kind::Float { scale: Scale::Log, .. } => " (log scale)",
        _ => "",
    };
    view! {
        <div class="control" data-param=spec.key>
            <div class="control-head">
                <label for=id.clone()>{spec.label}</label>
                <KnobTag spec/>
                <output for=id.clone() class="control-value" aria-live="off">{shown}</output>
            </div>
            <div class="control-row">
                <input type="range" id=id min="0" max=spec.slider_steps().to_string() step="1"
                    aria-describedby=help_id.clone()
                    aria-valuetext=shown
                    prop:value=move || spec.to_slider(value.get()).to_string()
                    on:input=move |ev| {
                        if let Ok(pos) = event_target_value(&ev).parse::<u32>() {
                            set(spec.from_slider(pos));
                        }
                    }/>
                <input type="number" id=num_id class="control-number" inputmode="decimal"
                    min=min.to_string() max=max.to_string() step=step
                    aria-label=format!("{} value", spec.label)
                    prop:value=move || spec.format(value.get())
                    on:change=move |ev| {
                        let raw = event_target_value(&ev);
                        // Typed values go through the same untrusted-input parser as URLs.
                        match spec.parse(&raw) {
                            Ok(v) | Err(hyperlab_ml::schema::Problem::OutOfRange(v)) => set(v),
                            Err(_) => {}
                        }
                        // Show the knob's actual value: a refused or clamped entry that left the
                        // value unchanged triggers no re-render, so write it back here.
                        event_target::<web_sys::HtmlInputElement>(&ev).set_value(&spec.format(value.get_untracked()));
                    }/>
            </div>
            <p class="control-help" id=help_id>{spec.help}{scale_note}</p>
        </div>
    }
}

#[component]
pub fn Select(spec: &'static ParamSpec, state: UrlParams) -> impl IntoView {
    let params = state.params;
    let Kind::Choice { options, .. } = spec.kind else { return ().into_any() };
    let id = format!("ctl-{}", spec.key);
    let current = Memo::new(move |_| params.with(|p| p.choice(spec.key)));
    let opts = options
        .iter()
        .enumerate()
        .map(|(i, (slug, label))| view! { <option value=*slug selected=move || current.get() == i>{*label}</option> })
        .collect_view();
    view! {
        <div class="control" data-param=spec.key>
            <div class="control-head">
                <label for=id.clone()>{spec.label}</label>
                <KnobTag spec/>
            </div>
            <select id=id prop:value=move || options.get(current.get()).map_or("", |o| o.0)
                on:change=move |ev| {
                    let raw = event_target_value(&ev);
                    if let Ok(v) = spec.parse(&raw) {
                        state.edit(|p| { p.set(spec.key, v); });
                    }
                }>
                {opts}
            </select>
            <p class="control-help">{spec.help}</p>
        </div>
    }
    .into_any()
}

#[component]
pub fn Toggle(spec: &'static ParamSpec, state: UrlParams) -> impl IntoView {
    let params = state.params;
    let id = format!("ctl-{}", spec.key);
    let on = Memo::new(move |_| params.with(|p| p.flag(spec.key)));
    view! {
        <div class="control control-toggle" data-param=spec.key>
            <input type="checkbox" role="switch" id=id.clone()
                prop:checked=move || on.get()
                on:change=move |ev| {
                    let checked = event_target_checked(&ev);
                    state.edit(|p| { p.set(spec.key, Value::Bool(checked)); });
                }/>
            <label for=id>{spec.label}</label>
            <KnobTag spec/>
            <p class="control-help">{spec.help}</p>
        </div>
    }
}
