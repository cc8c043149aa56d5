//! The browser entry point: everything lives in the library so wasm-bindgen-test can reach it.

fn main() {
    hyperlab::start();
}
