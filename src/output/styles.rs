//! The QGIS styles (`styles/*.qml`) compiled in, one per layer.

/// The QML style of a layer, if there is one.
pub fn qml(layer: &str) -> Option<&'static str> {
    Some(match layer {
        "sites" => include_str!("../../styles/sites.qml"),
        "events" => include_str!("../../styles/events.qml"),
        "movements" => include_str!("../../styles/movements.qml"),
        "uncertainty" => include_str!("../../styles/uncertainty.qml"),
        "border" => include_str!("../../styles/border.qml"),
        "rivers" => include_str!("../../styles/rivers.qml"),
        "areas" => include_str!("../../styles/areas.qml"),
        _ => return None,
    })
}
