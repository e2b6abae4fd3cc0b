//! Small DOM helpers for the share features (without the `NodeList` web-sys feature).

/// The elements under `root` in document order, matching `selector`.
pub fn descendants_matching(root: &web_sys::Element, selector: &str) -> Vec<web_sys::Element> {
    let mut out = Vec::new();
    let mut stack: Vec<web_sys::Element> = Vec::new();
    let mut next = root.first_element_child();
    // Depth-first, document order: visit a node, then its children, then its siblings.
    loop {
        let Some(el) = next.take() else {
            match stack.pop() {
                Some(parent) => {
                    next = parent.next_element_sibling();
                    continue;
                }
                None => break,
            }
        };
        if el.matches(selector).unwrap_or(false) {
            out.push(el.clone());
        }
        match el.first_element_child() {
            Some(child) => {
                next = Some(child);
                stack.push(el);
            }
            None => next = el.next_element_sibling(),
        }
    }
    out
}
