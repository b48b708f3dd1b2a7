package dev.keysmith.lifecycle;

import java.util.List;
import java.util.UUID;

import dev.keysmith.verify.RunStatus;

import org.springframework.data.jpa.repository.JpaRepository;

interface LifecycleRunRepository extends JpaRepository<LifecycleRun, UUID> {

	List<LifecycleRun> findTop20ByDeviceIdOrderByStartedAtDesc(UUID deviceId);

	List<LifecycleRun> findByStatus(RunStatus status);

}
