package dev.keysmith.instance;

import java.time.Instant;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.transaction.annotation.Transactional;

interface KeysmithInstanceRepository extends JpaRepository<KeysmithInstance, UUID> {

	@Transactional
	@Modifying
	@Query("update KeysmithInstance i set i.heartbeatAt = :at, i.aliveUntil = :aliveUntil where i.id = :id")
	int beat(UUID id, Instant at, Instant aliveUntil);

	@Transactional
	@Modifying
	@Query("delete from KeysmithInstance i where i.aliveUntil < :now")
	int deleteExpired(Instant now);

}
