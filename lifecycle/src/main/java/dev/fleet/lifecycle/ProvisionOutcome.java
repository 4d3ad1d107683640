package dev.fleet.lifecycle;

import dev.fleet.autoscaler.DurationText;
import dev.fleet.lifecycle.azure.VmCreation;
import dev.fleet.lifecycle.azure.VmInfo;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What came of provisioning one VM. Only {@link Online} leaves anything behind: every failure after the VM existed
 * has deleted it again, with its runner registration. No variant carries a registration token or JIT config.
 */
public sealed interface ProvisionOutcome {

    enum Status { ONLINE, CREATE_FAILED, INSTALL_FAILED, NOT_ONLINE }

    /** The VM's name, which is also its runner's name. */
    String vmName();

    Status status();

    /** What came of it in one line, for a report or a progress line; none holds a token or JIT config. */
    String describe();

    /** The VM runs and its runner is registered and online. */
    record Online(VmInfo vm, long runnerId) implements ProvisionOutcome {
        public Online {
            Objects.requireNonNull(vm, "vm");
        }

        @Override
        public String vmName() {
            return vm.name();
        }

        @Override
        public Status status() {
            return Status.ONLINE;
        }

        @Override
        public String describe() {
            return "runner online";
        }
    }

    /** Azure did not create the VM, or could not be asked to; {@code category} says whether waiting helps. */
    record CreateFailed(String vmName, VmCreation.Category category, String code, String message)
            implements ProvisionOutcome {
        @Override
        public Status status() {
            return Status.CREATE_FAILED;
        }

        @Override
        public String describe() {
            return "Azure did not create the VM (" + category + "): " + code + ": " + message;
        }
    }

    /** The VM was made but the runner could not be registered or installed on it. */
    record InstallFailed(String vmName, String message, List<String> lastLines) implements ProvisionOutcome {
        public InstallFailed {
            lastLines = List.copyOf(lastLines);
        }

        @Override
        public Status status() {
            return Status.INSTALL_FAILED;
        }

        @Override
        public String describe() {
            return "runner not installed, VM deleted: " + message;
        }
    }

    /** The install went through but GitHub did not list the runner online within {@code timeout}. */
    record NotOnline(String vmName, Duration timeout) implements ProvisionOutcome {
        @Override
        public Status status() {
            return Status.NOT_ONLINE;
        }

        @Override
        public String describe() {
            return "runner not online within " + DurationText.format(timeout) + ", VM deleted";
        }
    }
}
