//! Component tests: real components mounted in headless Chromium (wasm-bindgen-test).
//! Run with `make test-wasm`.

use hyperlab::app::{route_from_path, Route};
use hyperlab::components::controls::Control;
use hyperlab::labs::learning_rate::state::SCHEMA;
use hyperlab::plot::canvas::{Chart, DrawFn};
use hyperlab::plot::{contrast, ChartTheme};
use hyperlab::progress::{Progress, ProgressError, HEADER};
use hyperlab::ready::Ready;
use hyperlab::theme::ThemeMode;
use hyperlab::url_state::{replace_query, UrlParams};
use leptos::prelude::*;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlCanvasElement, HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

/// Lets effects and animation frames run.
async fn settle(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms).unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// A fresh container in the test page.
fn container(id: &str) -> HtmlElement {
    let document = document();
    if let Some(old) = document.get_element_by_id(id) {
        old.remove();
    }
    let el: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    el.set_id(id);
    el.style().set_property("width", "480px").unwrap();
    document.body().unwrap().append_child(&el).unwrap();
    el
}

fn input(root: &HtmlElement, selector: &str) -> HtmlInputElement {
    root.query_selector(selector).unwrap().unwrap_or_else(|| panic!("no {selector}")).unchecked_into()
}

fn search() -> String {
    window().location().search().unwrap()
}

/// Sets an input's value and fires `event` on it ("change" for a number box, "input" for a slider).
fn enter(el: &HtmlInputElement, value: &str, event: &str) {
    el.set_value(value);
    el.dispatch_event(&web_sys::Event::new(event).unwrap()).unwrap();
}

/// Mounts the lab `slug` as an embed of `query` in a fresh container `id`: the container and the
/// mount's handle (the lab stays mounted until the handle is dropped).
fn mount_lab(slug: &'static str, query: &str, id: &str) -> (HtmlElement, impl Sized) {
    use hyperlab::labs::{lab_view, LabMode};
    replace_query(query);
    let root = container(id);
    let handle = leptos::mount::mount_to(root.clone(), move || lab_view(slug, LabMode::Embed).unwrap());
    (root, handle)
}

/// The summary (aria-label) of the chart named `name` inside `root`.
fn chart_label(root: &HtmlElement, name: &str) -> String {
    root.query_selector(&format!("canvas[data-chart={name}]")).unwrap().unwrap().get_attribute("aria-label").unwrap()
}

#[wasm_bindgen_test]
async fn slider_shows_label_value_and_number_box_and_writes_the_url() {
    replace_query("lr=0.02");
    let root = container("slider-test");
    let lr = SCHEMA.iter().find(|s| s.key == "lr").unwrap();
    let handle = leptos::mount::mount_to(root.clone(), move || {
        let (url, notices) = UrlParams::from_location(&SCHEMA);
        assert!(notices.is_empty());
        view! { <Control spec=lr state=url/> }
    });
    settle(20).await;

    let text = root.text_content().unwrap();
    assert!(text.contains("Learning rate"), "{text}");
    assert!(text.contains("0.02 η"), "value and unit shown: {text}");
    assert!(text.contains("hyperparameter"));
    let range = input(&root, "#ctl-lr");
    let number = input(&root, "#num-lr");
    assert_eq!(range.type_(), "range");
    assert_eq!(number.value(), "0.02");
    assert_eq!(root.query_selector("label[for=ctl-lr]").unwrap().is_some(), true);

    // Typing a value commits on change, is normalized, and lands in the URL.
    enter(&number, "0.123456", "change");
    settle(20).await;
    assert_eq!(number.value(), "0.123");
    assert!(search().contains("lr=0.123"), "{}", search());

    // Moving the slider to its far end gives the range maximum.
    enter(&range, &lr.slider_steps().to_string(), "input");
    settle(20).await;
    assert_eq!(number.value(), "10");
    assert!(search().contains("lr=10"));

    // Garbage typed into the box is refused: the last good value stays.
    enter(&number, "1e999", "change");
    settle(20).await;
    assert_eq!(number.value(), "10");

    // An out-of-range entry clamped to the value the knob already has still shows that value.
    enter(&number, "50", "change");
    settle(20).await;
    assert_eq!(number.value(), "10");
    for _ in 0..2 {
        enter(&number, "1e-300", "change");
        settle(20).await;
        assert_eq!(number.value(), "0.0001");
    }
    drop(handle);
}

#[wasm_bindgen_test]
async fn hostile_url_is_repaired_with_notices() {
    replace_query("lr=NaN&mom=7&steps=%3Cscript%3E&surface=nope&lr=0.5");
    let (state, notices) = hyperlab_ml::schema::ParamState::from_query(&SCHEMA, &search());
    assert_eq!(state.float("lr"), 0.05, "NaN → default");
    assert_eq!(state.float("mom"), 0.99, "clamped");
    assert_eq!(state.int("steps"), 100);
    assert_eq!(state.choice_slug("surface"), "bowl");
    assert_eq!(notices.len(), 5, "{notices:?}");
}

#[wasm_bindgen_test]
async fn chart_is_sized_by_device_pixels_labelled_and_reports_ready() {
    let root = container("chart-test");
    document().document_element().unwrap().remove_attribute("data-ready").unwrap();
    let draws = Rc::new(std::cell::Cell::new(0));
    let counter = draws.clone();
    let handle = leptos::mount::mount_to(root.clone(), move || {
        let ready = Ready::provide();
        let label = RwSignal::new("first summary".to_string());
        let draw: DrawFn = Rc::new(move |frame| {
            counter.set(counter.get() + 1);
            let _ = label.get();
            assert!(frame.width > 0 && frame.height > 0);
            None
        });
        request_animation_frame(move || ready.check());
        let summary = Signal::derive(move || label.get());
        set_timeout(move || label.set("second summary".into()), std::time::Duration::from_millis(30));
        view! { <Chart name="test" summary=summary aspect=0.5 draw=draw/> }
    });
    settle(80).await;
    let canvas: HtmlCanvasElement = root.query_selector("canvas").unwrap().unwrap().unchecked_into();
    let dpr = window().device_pixel_ratio();
    assert_eq!(canvas.width(), (480.0 * dpr).round() as u32);
    assert_eq!(canvas.height(), (240.0 * dpr).round() as u32);
    assert_eq!(canvas.get_attribute("role").as_deref(), Some("img"));
    assert_eq!(canvas.get_attribute("aria-label").as_deref(), Some("second summary"));
    assert!(draws.get() >= 2, "redrawn when a signal it reads changes");
    assert_eq!(document().document_element().unwrap().get_attribute("data-ready").as_deref(), Some("true"));
    drop(handle);
}

#[wasm_bindgen_test]
fn routes_map_paths_to_pages() {
    assert_eq!(route_from_path("/"), Route::Home);
    assert_eq!(route_from_path("/learning-rate"), Route::Lab("learning-rate"));
    assert_eq!(route_from_path("/learning-rate/"), Route::Lab("learning-rate"));
    assert_eq!(route_from_path("/embed/learning-rate/index.html"), Route::Embed("learning-rate"));
    assert_eq!(route_from_path("/nope/"), Route::NotFound);
    assert_eq!(route_from_path("/embed/nope"), Route::NotFound);
}

#[wasm_bindgen_test]
fn steppers_running_together_share_one_frame_budget() {
    use hyperlab::runner::budget::{share_of_frame, ANIMATION_MS, BACKGROUND_MS, FRAME_MS, LEAST_STEPPING_MS, LIVE_RUN_MS};
    // Alone, a stepper keeps its own budget.
    for own in [ANIMATION_MS, LIVE_RUN_MS, BACKGROUND_MS] {
        assert_eq!(share_of_frame(own, own, 0.0), own);
    }
    // Together, their shares keep their proportions and add up to the frame's budget.
    let total = ANIMATION_MS + LIVE_RUN_MS + BACKGROUND_MS;
    assert!(total > FRAME_MS);
    let shares: Vec<f64> = [ANIMATION_MS, LIVE_RUN_MS, BACKGROUND_MS].iter().map(|&own| share_of_frame(own, total, 0.0)).collect();
    assert!((shares.iter().sum::<f64>() - FRAME_MS).abs() < 1e-9, "{shares:?}");
    assert!((shares[2] / shares[0] - BACKGROUND_MS / ANIMATION_MS).abs() < 1e-9);
    // A total that has not counted this stepper yet never gives it more than its own budget.
    assert_eq!(share_of_frame(LIVE_RUN_MS, 0.0, 0.0), LIVE_RUN_MS);
    // The drawing expected after the steppers comes out of the frame first...
    let drawn = 4.0;
    let shares: Vec<f64> = [ANIMATION_MS, LIVE_RUN_MS, BACKGROUND_MS].iter().map(|&own| share_of_frame(own, total, drawn)).collect();
    assert!((shares.iter().sum::<f64>() + drawn - FRAME_MS).abs() < 1e-9, "{shares:?}");
    assert_eq!(share_of_frame(ANIMATION_MS, ANIMATION_MS, drawn), ANIMATION_MS, "a small budget that still fits is kept");
    // ...but a frame full of drawing still leaves the steppers their least share.
    assert!((share_of_frame(BACKGROUND_MS, BACKGROUND_MS, 50.0) - LEAST_STEPPING_MS).abs() < 1e-9);
    assert_eq!(share_of_frame(BACKGROUND_MS, BACKGROUND_MS, f64::NAN), BACKGROUND_MS, "no estimate yet: no cut");
}

#[wasm_bindgen_test]
fn frame_load_measures_the_work_besides_stepping_and_smooths_it() {
    use hyperlab::runner::budget::FrameLoad;
    let mut load = FrameLoad::default();
    // Frame 16: two steppers (5 ms and 3 ms within budget, the second starting 1 ms after the
    // first ended), then drawing and rendering; the posted task runs 14 ms after the start.
    assert_eq!(load.begin(16.0, 100.0), (0.0, true));
    load.stepped(5.0);
    assert_eq!(load.begin(16.0, 106.0), (0.0, false), "the second stepper is not the first");
    load.stepped(3.0);
    load.stepped(f64::NAN);
    load.end(114.0);
    load.end(200.0); // a second end for the same frame changes nothing
    let after_one = load.begin(32.0, 117.0).0;
    assert!((after_one - 0.25 * 6.0).abs() < 1e-9, "a quarter of frame 16's 6 ms: {after_one}");
    assert_eq!(load.begin(32.0, 118.0).0, after_one);
    load.end(127.0); // frame 32: 10 ms, none of it stepping
    load.end(150.0);
    let after_two = load.begin(48.0, 160.0).0;
    assert!((after_two - (after_one + 0.25 * (10.0 - after_one))).abs() < 1e-9, "{after_two}");
    // Frames with only stepping bring it back down.
    let mut quiet = after_two;
    for frame in 4..40 {
        let start = 1000.0 + 20.0 * frame as f64;
        quiet = load.begin(16.0 * frame as f64, start).0;
        load.stepped(4.0);
        load.end(start + 4.0);
    }
    assert!(quiet < 0.01, "{quiet}");
}

#[wasm_bindgen_test]
fn progress_round_trips_and_rejects_foreign_data() {
    let mut p = Progress::default();
    p.completed.insert("lr-zigzag".into(), 1_700_000_000_000.0);
    assert_eq!(Progress::parse(&p.serialize()), Ok(p.clone()));
    assert!(p.to_json().contains("\"id\":\"lr-zigzag\""));
    assert_eq!(Progress::parse("hyperlab-progress v0\nx\t1"), Err(ProgressError::WrongVersion));
    assert_eq!(Progress::parse("{\"json\":true}"), Err(ProgressError::Corrupt));
    assert_eq!(Progress::parse(&format!("{HEADER}\n<script>\t1")), Err(ProgressError::Corrupt));
    assert_eq!(Progress::parse(&format!("{HEADER}\nok-id\tNaN")), Err(ProgressError::Corrupt));
}

#[wasm_bindgen_test]
fn chart_colours_contrast_with_their_background() {
    for mode in [ThemeMode::Light, ThemeMode::Dark] {
        let t = ChartTheme::for_mode(mode);
        assert!(contrast(t.foreground, t.background) >= 4.5, "{mode:?} text");
        assert!(contrast(t.muted, t.background) >= 4.5, "{mode:?} muted text");
        for (i, c) in t.series.iter().enumerate() {
            assert!(contrast(*c, t.background) >= 3.0, "{mode:?} series {i}: {}", contrast(*c, t.background));
        }
    }
}

#[wasm_bindgen_test]
async fn regularization_lab_refits_every_chart_when_lambda_changes() {
    // An embed shows only the views its link names (the default is the primary view alone).
    let (root, handle) = mount_lab("regularization", "truth=cubic&degree=10&lambda=0.001&l1=1&n=60&views=fit,coefficients,path,error-vs-lambda,error-vs-degree&controls=lambda", "reg-lab-test");
    settle(150).await;
    let label = |name: &str| chart_label(&root, name);
    for name in ["fit", "coefficients", "path", "error-vs-lambda", "error-vs-degree"] {
        assert!(label(name).chars().any(|c| c.is_ascii_digit()), "{name}: {}", label(name));
    }
    let zeros = |text: String| text.split(" exactly zero").next().unwrap().rsplit(", ").next().unwrap().trim().parse::<usize>().unwrap();
    let before = zeros(label("coefficients"));
    let number = input(&root, "#num-lambda");
    enter(&number, "0.1", "change");
    settle(100).await;
    let after = zeros(label("coefficients"));
    assert!(after > before, "a stronger L1 penalty zeroes more coefficients: {before} → {after}");
    assert!(search().contains("lambda=0.1"));
    drop(handle);
}

#[wasm_bindgen_test]
async fn cross_validation_grid_follows_k() {
    let (root, handle) = mount_lab("cross-validation", "k=4&n=24&split=kfold&shuffle=0", "cv-lab-test");
    settle(150).await;
    let grid = || chart_label(&root, "folds");
    assert!(grid().contains("24 samples, 4 splits"), "{}", grid());
    let number = input(&root, "#num-k");
    enter(&number, "8", "change");
    settle(100).await;
    assert!(grid().contains("24 samples, 8 splits"), "{}", grid());
    drop(handle);
}

#[wasm_bindgen_test]
async fn training_lab_trains_over_frames_and_publishes_its_loss() {
    let (root, handle) = mount_lab("training", "data=xor&epochs=40&opt=adam&lr=0.03&size=120&views=boundary,loss", "training-lab-test");
    let status = || root.query_selector("#run-status").unwrap().unwrap().get_attribute("data-status").unwrap();
    for _ in 0..100 {
        if status() == "stopped" {
            break;
        }
        settle(50).await;
    }
    assert_eq!(status(), "stopped");
    let loss = chart_label(&root, "loss");
    assert!(loss.contains("at epoch 40"), "{loss}");
    let boundary = chart_label(&root, "boundary");
    assert!(boundary.contains("validation accuracy"), "{boundary}");
    drop(handle);
}
