package dev.keysmith.expiry;

import java.time.Instant;
import java.util.Set;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;
import org.springframework.transaction.annotation.Transactional;

interface WebhookSettingsRepository extends JpaRepository<WebhookSettings, Integer> {

	@Query("select w.vaultKeyId from WebhookSettings w where w.vaultKeyId is not null")
	Set<String> findVaultKeyIds();

	/** Notes a delivery attempt's outcome. */
	@Transactional
	@Modifying(clearAutomatically = true)
	@Query("update WebhookSettings w set w.lastAttemptAt = :at, w.lastOutcome = :outcome")
	int recordAttempt(@Param("at") Instant at, @Param("outcome") String outcome);

	/** Notes when the receiver last took a notice. */
	@Transactional
	@Modifying(clearAutomatically = true)
	@Query("update WebhookSettings w set w.lastDeliveredAt = :at")
	int recordDelivered(@Param("at") Instant at);

}
