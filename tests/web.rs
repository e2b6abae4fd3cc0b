//! Browser tests of the app's components, run by wasm-bindgen-test in headless Chromium.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use vpc_playground::components::lesson::LessonBar;
use vpc_playground::state::AppState;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn scenario_with_lesson() -> vpc_engine::Scenario {
    vpc_engine::load(include_str!(
        "../crates/engine/scenarios/01-transitive-peering.json"
    ))
    .expect("the shipped example loads")
    .into_scenario()
}

fn body() -> web_sys::HtmlElement {
    web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .body()
        .unwrap()
}

#[wasm_bindgen_test]
async fn lesson_answer_is_hidden_until_asked() {
    let scenario = scenario_with_lesson();
    let answer = scenario.lesson.clone().unwrap().answer;
    leptos::mount::mount_to_body(move || {
        provide_context(AppState::new(scenario.clone()));
        view! { <LessonBar/> }
    });
    leptos::task::tick().await;
    let text = body().text_content().unwrap_or_default();
    assert!(
        text.contains("Can A reach C through B?"),
        "question shown: {text}"
    );
    assert!(!text.contains(&answer), "answer hidden at first");

    let button: web_sys::HtmlElement = body()
        .query_selector(".lesson button")
        .unwrap()
        .expect("a Show answer button")
        .dyn_into()
        .unwrap();
    button.click();
    leptos::task::tick().await;
    assert!(
        body().text_content().unwrap_or_default().contains(&answer),
        "answer shown after the click"
    );
}
