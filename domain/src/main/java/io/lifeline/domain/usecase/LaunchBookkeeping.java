package io.lifeline.domain.usecase;

import io.lifeline.domain.model.BackendName;
import io.lifeline.domain.model.LaunchRecord;
import io.lifeline.domain.model.ProcessFacts;
import io.lifeline.domain.model.StatusEvent;
import io.lifeline.domain.port.in.AppPlan;
import io.lifeline.domain.port.in.StartBackendCommand;
import io.lifeline.domain.port.out.LaunchRecords;
import io.lifeline.domain.port.out.OwnershipChallenge;
import io.lifeline.domain.port.out.ProcessInspector;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps each launched backend's launch record as its run goes: written at each launch (its pid, its process's start
 * time, its folder, its secret), removed when its run is over. A detached backend's run is not over when Lifeline
 * exits, so its record stays for {@code lifeline stop}. Part of the start itself, so every front end gets it.
 */
final class LaunchBookkeeping {

    private final AppPlan plan;
    private final LaunchRecords records;
    private final ProcessInspector processes;
    private final Map<BackendName, Set<Long>> launched = new ConcurrentHashMap<>();

    LaunchBookkeeping(AppPlan plan, LaunchRecords records, ProcessInspector processes) {
        this.plan = plan;
        this.records = records;
        this.processes = processes;
    }

    void on(StatusEvent event) {
        StartBackendCommand backend = plan.backend(event.backend());
        if (event instanceof StatusEvent.Launching launching) {
            launched.computeIfAbsent(event.backend(), name -> ConcurrentHashMap.newKeySet()).add(launching.pid());
            String secret = backend.backend().environment().getOrDefault(OwnershipChallenge.SECRET_VARIABLE, "");
            records.keep(new LaunchRecord(launching.pid(), processes.facts(launching.pid())
                            .flatMap(ProcessFacts::startedAt), launching.endpoint(), backend.backend().directory(),
                            secret), launching.correlationId(), launching.timestamp(), backend.launchMode());
        } else if (event instanceof StatusEvent.Stopped || event instanceof StatusEvent.Failed
                || event instanceof StatusEvent.Disconnected || event instanceof StatusEvent.Completed) {
            Set<Long> pids = launched.getOrDefault(event.backend(), Set.of());
            if (!pids.isEmpty()) {
                records.forget(backend.endpoint(), Set.copyOf(pids));
            }
        }
    }
}
