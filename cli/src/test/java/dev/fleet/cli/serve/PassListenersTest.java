package dev.fleet.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fleet.lifecycle.ProvisionListener;
import dev.fleet.lifecycle.ProvisionOutcome;
import dev.fleet.lifecycle.azure.VmCreation;
import dev.fleet.lifecycle.reconcile.PoolReport;
import dev.fleet.lifecycle.reconcile.QueueSummary;
import dev.fleet.lifecycle.reconcile.ReconcileListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PassListenersTest {
    @Test
    void everyListenerHearsEveryEventInTheirOrder() {
        List<String> heard = new ArrayList<>();
        ReconcileListener both = PassListeners.of(List.of(recorder("first", heard), recorder("second", heard)));
        PoolReport report = new PoolReport("ci", PoolReport.Status.RECONCILED, Optional.empty(),
                new QueueSummary(0, 0), List.of(), List.of(), List.of());

        both.poolStarted("ci");
        both.stage("fleet-ci-00000000", ProvisionListener.Stage.CREATING);
        both.finished(new ProvisionOutcome.CreateFailed("fleet-ci-00000000", VmCreation.Category.OTHER, "Conflict", "x"));
        both.poolFinished(report);

        assertThat(heard).containsExactly("first started ci", "second started ci", "first CREATING fleet-ci-00000000",
                "second CREATING fleet-ci-00000000", "first finished fleet-ci-00000000", "second finished fleet-ci-00000000",
                "first finished ci", "second finished ci");
    }

    private static ReconcileListener recorder(String name, List<String> heard) {
        return new ReconcileListener() {
            @Override
            public void poolStarted(String pool) {
                heard.add(name + " started " + pool);
            }

            @Override
            public void stage(String vmName, Stage stage) {
                heard.add(name + " " + stage + " " + vmName);
            }

            @Override
            public void finished(ProvisionOutcome outcome) {
                heard.add(name + " finished " + outcome.vmName());
            }

            @Override
            public void poolFinished(PoolReport report) {
                heard.add(name + " finished " + report.pool());
            }
        };
    }
}
