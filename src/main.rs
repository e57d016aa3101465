//! The wasm entry point trunk builds.

fn main() {
    yeyak::start();
}
