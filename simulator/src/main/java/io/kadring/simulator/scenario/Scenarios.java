package io.kadring.simulator.scenario;

import io.kadring.simulator.run.SimulationConfig;
import java.util.List;

/** The scenarios {@code simulate --scenario NAME} knows, by name. */
public final class Scenarios {
    private static final List<String> NAMES = List.of(PathLengthScenario.NAME, MassFailureScenario.NAME,
            ChurnScenario.NAME, AdversarialScenario.NAME, PartitionScenario.NAME);

    private Scenarios() {}

    public static List<String> names() {
        return NAMES;
    }

    /** The scenario called {@code name}, set up from {@code options}; names an unknown one. */
    public static Scenario create(String name, ScenarioOptions options) {
        SimulationConfig base = SimulationConfig.builder().seed(options.seed()).latency(options.latency())
                .loss(options.loss()).build();
        return switch (name) {
            case PathLengthScenario.NAME -> PathLengthScenario.standard(base, options);
            case MassFailureScenario.NAME -> MassFailureScenario.standard(base, options);
            case ChurnScenario.NAME -> ChurnScenario.standard(base, options);
            case AdversarialScenario.NAME -> AdversarialScenario.standard(base, options);
            case PartitionScenario.NAME -> PartitionScenario.standard(base, options);
            default -> throw new IllegalArgumentException("unknown scenario '" + name + "'; expected one of "
                    + String.join(", ", NAMES));
        };
    }
}
