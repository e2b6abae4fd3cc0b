//! Canvas drawing: turns the engine's scenario and trace into canvas calls. Holds no logic.
