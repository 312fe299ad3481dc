use drillsim::CompiledScenario;
use std::path::Path;

#[test]
fn tutorial_loads() {
    let c = CompiledScenario::load(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../scenarios/tutorial.ron")));
    match c {
        Ok(c) => {
            assert_eq!(c.terrain.dims.cols, 24);
            assert_eq!(c.uncertain, vec!["convoys[0].depart".to_string()]);
        }
        Err(d) => panic!("{d}"),
    }
}
