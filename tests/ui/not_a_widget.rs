use desk_runtime::sim::SimulatedDesk;

struct Plain;

fn main() {
    let _desk = SimulatedDesk::mount(Plain);
}
