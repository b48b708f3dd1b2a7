package dev.keysmith.expiry;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;
import org.springframework.transaction.annotation.Transactional;

interface ExpiryEntryRepository extends JpaRepository<ExpiryEntry, UUID> {

	/** Every window recorded, by credential. */
	@Query("select new dev.keysmith.expiry.EntryKey(e.credentialId, e.window) from ExpiryEntry e")
	List<EntryKey> findKeys();

	/** Entries the webhook has not taken yet, oldest first. */
	List<ExpiryEntry> findByNotifiedAtIsNullOrderByEnteredAtAscIdAsc(Pageable page);

	long countByNotifiedAtIsNull();

	/** The latest entries, newest first. */
	List<ExpiryEntry> findAllByOrderByEnteredAtDescIdDesc(Pageable page);

	@Transactional
	@Modifying
	@Query("update ExpiryEntry e set e.notifiedAt = :at where e.id in :ids and e.notifiedAt is null")
	int markNotified(@Param("ids") Collection<UUID> ids, @Param("at") Instant at);

}
