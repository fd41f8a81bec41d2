package io.kadring.simulator.scenario;

import io.kadring.simulator.run.Simulation;
import io.kadring.simulator.run.SimulationConfig;
import io.kadring.simulator.run.SimulationReport;

/** What every scenario does the same way: it goes by its name, and says what it runs before each run. */
abstract class ScenarioBase implements Scenario {
    private final String name;

    ScenarioBase(String name) {
        this.name = name;
    }

    @Override
    public final String name() {
        return name;
    }

    /** Says the progress line {@code format} makes of {@code args}, then runs {@code config}. */
    static SimulationReport simulate(Appendable progress, SimulationConfig config, String format, Object... args) {
        Progress.say(progress, format, args);
        return new Simulation(config, progress).run();
    }
}
