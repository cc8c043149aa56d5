//! The app shell: picks the page from the URL path (every route is a real static page, so there
//! is no client-side router), and wraps it in the header and footer unless it is an embed.

use crate::components::notice::AppNotice;
use crate::labs::catalogue::{self, LAB_NAMES, SITE_NAME};
use crate::labs::{lab_view, LabMode};
use crate::progress::ProgressStore;
use crate::ready::Ready;
use crate::theme::{Theme, ThemeToggle};
use crate::components::deferred::Deferred;
use leptos::prelude::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Route {
    Home,
    Lab(&'static str),
    Embed(&'static str),
    /// The exam-prep hub, `/practice/`.
    Practice,
    /// One quiz card, `/embed/practice/?q=<id>`.
    PracticeEmbed,
    NotFound,
}

/// Maps a path (`/`, `/learning-rate`, `/learning-rate/`, `/embed/learning-rate/index.html`) to a route.
pub fn route_from_path(path: &str) -> Route {
    let trimmed = path.trim_end_matches("index.html").trim_matches('/');
    let parts: Vec<&str> = trimmed.split('/').filter(|p| !p.is_empty()).collect();
    match parts.as_slice() {
        [] => Route::Home,
        [slug] if *slug == catalogue::PRACTICE.slug => Route::Practice,
        ["embed", slug] if *slug == catalogue::PRACTICE.slug => Route::PracticeEmbed,
        [slug] => catalogue::name_of(slug).map_or(Route::NotFound, |m| Route::Lab(m.slug)),
        ["embed", slug] => catalogue::name_of(slug).map_or(Route::NotFound, |m| Route::Embed(m.slug)),
        _ => Route::NotFound,
    }
}

#[component]
pub fn App() -> impl IntoView {
    Theme::provide();
    ProgressStore::provide();
    crate::runner::OnScreen::provide();
    let ready = Ready::provide();
    let route = route_from_path(&crate::url_state::current_path());
    set_title(route);

    let page = match route {
        Route::Home => home_view().unwrap_or_else(|| view! { <NotFound/> }.into_any()),
        Route::Lab(slug) => lab_view(slug, LabMode::Page).unwrap_or_else(|| view! { <NotFound/> }.into_any()),
        Route::Embed(slug) => lab_view(slug, LabMode::Embed).unwrap_or_else(|| view! { <NotFound/> }.into_any()),
        Route::Practice | Route::PracticeEmbed => practice_view(route).unwrap_or_else(|| view! { <NotFound/> }.into_any()),
        Route::NotFound => view! { <NotFound/> }.into_any(),
    };
    // Pages without charts are ready once mounted; pages with charts when each has drawn.
    request_animation_frame(move || ready.check());

    let embedded = match route {
        Route::Embed(slug) => Some(slug),
        Route::PracticeEmbed => Some(catalogue::PRACTICE.slug),
        _ => None,
    };
    if let Some(slug) = embedded {
        crate::components::share::post_height_to_parent(slug);
        return view! { <div class="embed-root"><AppNotice/><main id="main" class="embed-main">{page}</main></div> }.into_any();
    }
    // The site's header and footer are built in tasks of their own after the page's first view
    // (the app is shown once everything is built, so the reader never sees them arrive).
    view! {
        <a class="skip-link" href="#main">"Skip to content"</a>
        <Deferred><Header current=route/></Deferred>
        <AppNotice/>
        <main id="main" class="site-main">{page}</main>
        <Deferred><Footer/></Deferred>
    }
    .into_any()
}

/// The home page, if this build includes it (the release site builds it as its own bundle).
fn home_view() -> Option<AnyView> {
    #[cfg(feature = "home")]
    return Some(view! { <home::Home/> }.into_any());
    #[allow(unreachable_code)]
    None
}

/// The hub, if this build includes it (the release site builds it as its own bundle).
fn practice_view(route: Route) -> Option<AnyView> {
    let _ = route;
    #[cfg(feature = "practice")]
    {
        return Some(match route {
            Route::PracticeEmbed => view! { <crate::practice::QuizEmbed/> }.into_any(),
            _ => view! { <crate::practice::PracticePage/> }.into_any(),
        });
    }
    #[allow(unreachable_code)]
    None
}

fn set_title(route: Route) {
    let title = match route {
        Route::Home => format!("{SITE_NAME} — hyperparameter tuning you can see"),
        Route::Lab(slug) | Route::Embed(slug) => {
            format!("{} — {SITE_NAME}", catalogue::name_of(slug).map_or(SITE_NAME, |m| m.title))
        }
        Route::Practice | Route::PracticeEmbed => format!("{} — {SITE_NAME}", catalogue::PRACTICE.title),
        Route::NotFound => format!("Not found — {SITE_NAME}"),
    };
    document().set_title(&title);
}

#[component]
fn Header(current: Route) -> impl IntoView {
    let links = LAB_NAMES
        .iter()
        .map(|lab| {
            let here = current == Route::Lab(lab.slug);
            view! {
                <li><a href=format!("/{}/", lab.slug) aria-current=here.then_some("page")>{lab.title}</a></li>
            }
        })
        .collect_view();
    view! {
        <header class="site-header">
            <a class="brand" href="/" aria-current=(current == Route::Home).then_some("page")>
                <img src="/favicon.svg" alt="" width="28" height="28"/>
                <span>{SITE_NAME}</span>
            </a>
            <nav aria-label="Labs"><ul>{links}
                <li><a href=format!("/{}/", catalogue::PRACTICE.slug) aria-current=(current == Route::Practice).then_some("page")>{catalogue::PRACTICE.title}</a></li>
            </ul></nav>
            <ThemeToggle/>
        </header>
    }
}

#[component]
fn Footer() -> impl IntoView {
    view! {
        <footer class="site-footer">
            <p>{SITE_NAME}" — every number on this site is computed live in your browser, by Rust compiled to WebAssembly. No tracking, no third-party requests."</p>
        </footer>
    }
}

/// The home page: the hero and a card per lab. Only the home bundle includes it.
#[cfg(feature = "home")]
mod home {
    use crate::labs::catalogue::{self, LabMeta, LABS, SITE_DESCRIPTION};
    use leptos::prelude::*;

    #[component]
    pub fn Home() -> impl IntoView {
        let cards = LABS.iter().map(|lab| view! { <LabCard lab=lab/> }).collect_view();
        view! {
            <section class="hero">
                <h1>"Hyperparameter tuning you can see"</h1>
                <p class="lead">{SITE_DESCRIPTION}" Each lab runs a real model in the page; move a knob and it retrains. Share any state as a link, or embed it in your own post."</p>
            </section>
            <section aria-labelledby="labs-heading">
                <h2 id="labs-heading">"Labs"</h2>
                <ul class="lab-grid">{cards}</ul>
            </section>
            <section class="practice-teaser" aria-labelledby="practice-heading">
                <h2 id="practice-heading">{catalogue::PRACTICE.title}</h2>
                <p>{catalogue::PRACTICE.promise}</p>
                <a href=format!("/{}/", catalogue::PRACTICE.slug) class="button primary">"Practise for the exam"</a>
            </section>
        }
    }

    #[component]
    fn LabCard(lab: &'static LabMeta) -> impl IntoView {
        let href = format!("/{}/", lab.slug);
        view! {
            <li class="lab-card">
                <a href=href.clone() class="lab-card-link">
                    <h3>{lab.title}</h3>
                </a>
                <img class="lab-card-thumb" src=format!("/thumbs/{}.svg", lab.slug) alt="" width="320" height="192" loading="lazy"/>
                <p>{lab.promise}</p>
                <p class="concepts">{lab.concepts.join(" · ")}</p>
                <a href=href class="button primary">"Open the lab"</a>
            </li>
        }
    }
}

#[component]
fn NotFound() -> impl IntoView {
    view! {
        <section class="not-found">
            <h1>"No such page"</h1>
            <p>"That address is not one of our labs. "<a href="/">"See all labs"</a>"."</p>
        </section>
    }
}
