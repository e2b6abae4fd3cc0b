//! `import::import` on arbitrary text (pasted AWS CLI output is user input from anywhere):
//! never a panic, never an unloadable scenario; what imports validates and traces.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    vpc_playground_fuzz::check_import(text);
});
