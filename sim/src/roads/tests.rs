use super::*;

#[test]
fn bpr_matches_hand_values() {
    // t0 = 60 s: v/c = 0 → 60; v/c = 1 → 60·1.15 = 69; v/c = 2 → 60·(1 + 0.15·16) = 204.
    assert_eq!(bpr_travel_time(60.0, 0.0, 1500.0), 60.0);
    assert!((bpr_travel_time(60.0, 1500.0, 1500.0) - 69.0).abs() < 1e-9);
    assert!((bpr_travel_time(60.0, 3000.0, 1500.0) - 204.0).abs() < 1e-9);
    assert!((bpr_travel_time(100.0, 750.0, 1500.0) - 100.9375).abs() < 1e-9);
}
