//! `share::parse_fragment` on arbitrary strings (a share link is user input from anywhere).
//! A link that parses must build back to a link that parses to the same thing.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|fragment: &str| {
    vpc_playground_fuzz::check_share(fragment);
});
