//! `load` on arbitrary bytes: as lossy UTF-8 always, and as the exact `str` when the bytes are
//! valid UTF-8. Whatever loads must validate without panicking and survive a write/read round
//! trip unchanged (the app saves what it loaded; a scenario that cannot be reopened is lost work).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let lossy = String::from_utf8_lossy(data);
    vpc_playground_fuzz::check_load(&lossy);
    if let Ok(text) = std::str::from_utf8(data) {
        if text != lossy {
            vpc_playground_fuzz::check_load(text);
        }
    }
});
