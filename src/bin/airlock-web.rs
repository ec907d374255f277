//! The browser playground's entry point; all of it lives in `airlock::web`.
#[cfg(target_arch = "wasm32")]
fn main() {
    airlock::web::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("airlock-web is the browser playground: build it with trunk (see README.md)");
}
