package dev.keysmith.verify;

import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

interface VerificationRunRepository extends JpaRepository<VerificationRun, UUID> {

	List<VerificationRun> findTop20ByDeviceIdOrderByStartedAtDesc(UUID deviceId);

	List<VerificationRun> findByStatus(RunStatus status);

}
