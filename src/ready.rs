//! `<html data-ready="true">` once the current page's charts have all been drawn once. Tests and
//! embedders wait for it. Each chart registers when created and reports its first draw.

use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct Ready {
    registered: StoredValue<usize>,
    drawn: StoredValue<usize>,
}

impl Ready {
    pub fn provide() -> Self {
        let ready = Self { registered: StoredValue::new(0), drawn: StoredValue::new(0) };
        provide_context(ready);
        ready
    }

    /// Called by a chart when it is created.
    pub fn register(&self) {
        self.registered.update_value(|n| *n += 1);
    }

    /// Called by a chart after its first draw.
    pub fn mark_drawn(&self) {
        self.drawn.update_value(|n| *n += 1);
        self.check();
    }

    /// For pages without charts: call once the page is mounted.
    pub fn check(&self) {
        let registered = self.registered.try_get_value().unwrap_or(0);
        let drawn = self.drawn.try_get_value().unwrap_or(0);
        if drawn >= registered {
            if let Some(root) = document().document_element() {
                let _ = root.set_attribute("data-ready", "true");
            }
        }
    }
}
