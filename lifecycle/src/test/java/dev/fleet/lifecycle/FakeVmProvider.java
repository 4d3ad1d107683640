package dev.fleet.lifecycle;

import dev.fleet.lifecycle.azure.DeleteOutcome;
import dev.fleet.lifecycle.azure.FleetResource;
import dev.fleet.lifecycle.azure.SerialConsole;
import dev.fleet.lifecycle.azure.VmCreation;
import dev.fleet.lifecycle.azure.VmInfo;
import dev.fleet.lifecycle.azure.VmProvider;
import dev.fleet.lifecycle.azure.VmRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Azure in memory: VMs appear on create and go on delete; it counts how many creates run at once. */
public final class FakeVmProvider implements VmProvider {
    private final Map<String, VmInfo> vms = new ConcurrentHashMap<>();
    private final Map<String, FleetResource> network = new ConcurrentSkipListMap<>();
    private final List<VmRequest> requests = new ArrayList<>();
    private final Events events;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private volatile VmCreation.Failed refusal;
    private volatile DeleteOutcome.Failed deleteFailure;
    private volatile boolean answersLost;
    private volatile CountDownLatch gate = new CountDownLatch(0);
    private final Map<String, RuntimeException> listFailures = new ConcurrentHashMap<>();
    private final Map<String, SerialConsole> consoles = new ConcurrentHashMap<>();

    FakeVmProvider(Events events) {
        this.events = events;
    }

    /** Azure refuses every create from now on. */
    public void refuseCreates(VmCreation.Failed failure) {
        refusal = failure;
    }

    /** Creates go through, but the answer never arrives: the provider throws after Azure made the VM. */
    void loseCreateAnswers() {
        answersLost = true;
    }

    public void failDeletes(DeleteOutcome.Failed failure) {
        deleteFailure = failure;
    }

    /** Holds each create until {@code parallel} are under way at once (or 5 s pass), so overlap is certain. */
    void holdCreatesUntil(int parallel) {
        gate = new CountDownLatch(parallel);
    }

    /** A VM of the pool that fleet made earlier. */
    VmInfo existing(String pool, String name) {
        return existing(new VmInfo(name, pool, "rg-fleet", VmInfo.PowerState.RUNNING,
                VmInfo.ProvisioningState.SUCCEEDED, null));
    }

    /** A VM as Azure lists it, in whatever state; one without a pool stands for a VM fleet did not tag. */
    public VmInfo existing(VmInfo vm) {
        vms.put(vm.name(), vm);
        return vm;
    }

    /** Listing the resource group's VMs fails with {@code failure} from now on, as an ARM outage would. */
    public void failLists(String resourceGroup, RuntimeException failure) {
        listFailures.put(resourceGroup.toLowerCase(java.util.Locale.ROOT), failure);
    }

    @Override
    public VmCreation create(VmRequest request) {
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        try {
            CountDownLatch waitFor = gate;
            waitFor.countDown();
            waitFor.await(5, TimeUnit.SECONDS);
            synchronized (requests) {
                requests.add(request);
            }
            events.add("create " + request.name());
            if (refusal != null) {
                return refusal;
            }
            VmInfo vm = new VmInfo(request.name(), request.pool(), request.placement().resourceGroup(),
                    VmInfo.PowerState.RUNNING, VmInfo.ProvisioningState.SUCCEEDED, request.created(), request.scope());
            vms.put(vm.name(), vm);
            if (answersLost) {
                throw new java.io.UncheckedIOException(new java.io.IOException("connection reset"));
            }
            return new VmCreation.Created(vm, "192.0.2." + vms.size());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    @Override
    public List<VmInfo> list(String pool) {
        return vms.values().stream().filter(vm -> pool.equals(vm.pool())).toList();
    }

    @Override
    public DeleteOutcome delete(VmInfo vm) {
        events.add("delete VM " + vm.name());
        if (deleteFailure != null) {
            return deleteFailure;
        }
        return vms.remove(vm.name()) != null ? new DeleteOutcome.Deleted(false) : new DeleteOutcome.AlreadyGone();
    }

    @Override
    public List<VmInfo> listGroup(String resourceGroup) {
        RuntimeException failure = listFailures.get(resourceGroup.toLowerCase(java.util.Locale.ROOT));
        if (failure != null) {
            throw failure;
        }
        return vms.values().stream()
                .filter(vm -> vm.pool() != null && vm.resourceGroup().equalsIgnoreCase(resourceGroup))
                .toList();
    }

    /** A network resource fleet made for a pool, e.g. one a pool removed from the config left behind. */
    public void existing(FleetResource resource) {
        network.put(resource.kind() + "/" + resource.name(), resource);
    }

    public List<FleetResource> network() {
        return List.copyOf(network.values());
    }

    @Override
    public List<FleetResource> listNetwork(String resourceGroup) {
        return network.values().stream()
                .filter(resource -> resource.resourceGroup().equalsIgnoreCase(resourceGroup))
                .toList();
    }

    @Override
    public DeleteOutcome delete(FleetResource resource) {
        events.add("delete " + resource.kind() + " " + resource.name());
        return network.remove(resource.kind() + "/" + resource.name()) != null
                ? new DeleteOutcome.Deleted(false)
                : new DeleteOutcome.AlreadyGone();
    }

    /** What reading VM {@code name}'s serial console gives from now on; unset, it has written nothing yet. */
    public void serialConsole(String name, SerialConsole console) {
        consoles.put(name, console);
    }

    @Override
    public SerialConsole serialConsole(VmInfo vm) {
        events.add("read serial console " + vm.name());
        return consoles.getOrDefault(vm.name(),
                new SerialConsole.Unavailable("VM " + vm.name() + " has written nothing to its serial console yet"));
    }

    public List<VmRequest> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    int maxInFlight() {
        return maxInFlight.get();
    }
}
