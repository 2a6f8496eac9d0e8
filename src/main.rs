#[cfg(target_arch = "wasm32")]
fn main() {
    grantpool::web::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("grantpool runs in the browser: see README.md (scripts/serve.sh) to serve it.");
}
