//! The trace panel's packet (`docs/scenario-format.md` U10 and format 2's packet): the
//! common choices (HTTPS 443, SSH 22, PostgreSQL 5432, ICMP ping) and a custom protocol and
//! port. It sets `AppState::trace_packet`, which "Send packet" traces and the share link
//! carries as `&proto=&port=`. In a format 1 scenario nothing filters on it, and the panel
//! says so.

use crate::components::editor::field::{SelectField, TextField};
use crate::components::editor::parse::FieldError;
use crate::state::AppState;
use leptos::prelude::*;
use vpc_engine::packet::{Packet, Port, Protocol};

/// The common choices: (select value, text, protocol, port).
const PRESETS: [(&str, &str, Protocol, Option<i64>); 4] = [
    ("https", "HTTPS (TCP 443)", Protocol::Tcp, Some(443)),
    ("ssh", "SSH (TCP 22)", Protocol::Tcp, Some(22)),
    (
        "postgres",
        "PostgreSQL (TCP 5432)",
        Protocol::Tcp,
        Some(5432),
    ),
    ("ping", "ICMP ping", Protocol::Icmp, None),
];

const CUSTOM: &str = "custom";

fn preset(value: &str) -> Option<Packet> {
    PRESETS
        .iter()
        .find(|p| p.0 == value)
        .and_then(|&(_, _, proto, port)| Packet::new(proto, port, None).ok())
}

/// The choice that sends `p`, or `custom`.
pub fn choice_of(p: Packet) -> &'static str {
    PRESETS
        .iter()
        .find(|x| preset(x.0) == Some(p))
        .map_or(CUSTOM, |x| x.0)
}

/// `p` with protocol `proto`: its destination port kept for TCP and UDP (443 coming from
/// ICMP), none for ICMP.
pub fn with_protocol(p: Packet, proto: Protocol) -> Packet {
    let port =
        (proto != Protocol::Icmp).then(|| i64::from(p.port().unwrap_or(Port::DEFAULT).get()));
    Packet::new(proto, port, None).unwrap_or_default()
}

/// `p` with the destination port typed, or why not.
pub fn with_port(p: Packet, text: &str) -> Result<Packet, FieldError> {
    let t = text.trim();
    let n: i64 = t.parse().map_err(|_| {
        FieldError::new(format!("{t:?} is not a port: a port is a number, 1-65535."))
    })?;
    if p.protocol() == Protocol::Icmp {
        return Err(FieldError::new("ICMP has no ports: choose TCP or UDP."));
    }
    Packet::new(p.protocol(), Some(n), None)
        .map_err(|_| FieldError::new(format!("{n} is not a port: a port is 1-65535.")))
}

#[component]
pub fn PacketPicker() -> impl IntoView {
    let state = expect_context::<AppState>();
    let packet = state.trace_packet;
    // "Custom" stays chosen while the user types a port that happens to be a preset's.
    let custom = RwSignal::new(choice_of(packet.get_untracked()) == CUSTOM);
    Effect::new(move |_| {
        if choice_of(packet.get()) == CUSTOM {
            custom.set(true);
        }
    });
    let mut options: Vec<(String, String)> = PRESETS
        .iter()
        .map(|p| (p.0.to_string(), p.1.to_string()))
        .collect();
    options.push((CUSTOM.to_string(), "Custom…".to_string()));
    let choice = Signal::derive(move || {
        if custom.get() {
            CUSTOM.to_string()
        } else {
            choice_of(packet.get()).to_string()
        }
    });
    let pick = Callback::new(move |v: String| -> Result<(), FieldError> {
        custom.set(v == CUSTOM);
        if let Some(p) = preset(&v) {
            packet.set(p);
        }
        Ok(())
    });
    let protocols: Vec<(String, String)> = [("tcp", "TCP"), ("udp", "UDP"), ("icmp", "ICMP")]
        .into_iter()
        .map(|(v, t)| (v.to_string(), t.to_string()))
        .collect();
    let set_protocol = Callback::new(move |v: String| -> Result<(), FieldError> {
        let proto: Protocol = v.parse().map_err(|_| {
            FieldError::new(format!("{v:?} is not a protocol: choose TCP, UDP or ICMP."))
        })?;
        packet.update(|p| *p = with_protocol(*p, proto));
        Ok(())
    });
    let set_port = Callback::new(move |t: String| -> Result<(), FieldError> {
        let next = with_port(packet.get_untracked(), &t)?;
        packet.set(next);
        Ok(())
    });
    let port_text = Signal::derive(move || {
        packet
            .get()
            .port()
            .map(|p| p.to_string())
            .unwrap_or_default()
    });
    let is_icmp = Signal::derive(move || packet.get().protocol() == Protocol::Icmp);
    let unfiltered = Signal::derive(move || state.scenario.with(|s| !s.format.filters()));
    view! {
        <div class="packet-picker" data-testid="packet-picker">
            <SelectField label="Packet" options value=choice apply=pick testid="trace-packet"/>
            <Show when=move || custom.get()>
                <div class="packet-custom">
                    <SelectField label="Protocol" options=protocols.clone()
                        value=Signal::derive(move || packet.get().protocol().as_str().to_string())
                        apply=set_protocol testid="trace-proto"/>
                    <TextField label="Port" value=port_text apply=set_port disabled=is_icmp
                        placeholder="none" testid="trace-port"/>
                </div>
            </Show>
            <Show when=move || unfiltered.get()>
                <p class="muted small" data-testid="packet-unfiltered">
                    "Format 1 models no security groups or ACLs: the packet is shown, nothing filters on it."
                </p>
            </Show>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presets_and_custom_packets() {
        for p in PRESETS {
            let packet = preset(p.0).unwrap();
            assert_eq!(choice_of(packet), p.0);
        }
        let udp = Packet::new(Protocol::Udp, Some(53), None).unwrap();
        assert_eq!(choice_of(udp), CUSTOM);
        assert_eq!(
            with_protocol(udp, Protocol::Tcp).port().map(Port::get),
            Some(53)
        );
        assert_eq!(with_protocol(udp, Protocol::Icmp), Packet::Icmp);
        assert_eq!(
            with_protocol(Packet::Icmp, Protocol::Udp)
                .port()
                .map(Port::get),
            Some(443)
        );
        assert_eq!(
            with_port(udp, " 8080 ").unwrap().port().map(Port::get),
            Some(8080)
        );
        let cases = [
            ("70000", "70000 is not a port: a port is 1-65535."),
            ("0", "0 is not a port: a port is 1-65535."),
            ("web", "\"web\" is not a port: a port is a number, 1-65535."),
        ];
        for (text, want) in cases {
            assert_eq!(with_port(udp, text).unwrap_err().message, want, "{text}");
        }
        assert!(with_port(Packet::Icmp, "22").is_err());
    }
}
