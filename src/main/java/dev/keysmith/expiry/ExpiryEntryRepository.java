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

	/**
	 * Entries the webhook has not taken yet and no round holds (at {@code now}), oldest
	 * first.
	 */
	@Query("select e from ExpiryEntry e where e.notifiedAt is null "
			+ "and (e.claimedUntil is null or e.claimedUntil < :now) order by e.enteredAt, e.id")
	List<ExpiryEntry> findPending(@Param("now") Instant now, Pageable page);

	/**
	 * Claims for one round those of these entries that are still pending and free.
	 * @return how many it claimed
	 */
	@Transactional
	@Modifying(clearAutomatically = true)
	@Query("update ExpiryEntry e set e.claimToken = :token, e.claimedUntil = :until where e.id in :ids "
			+ "and e.notifiedAt is null and (e.claimedUntil is null or e.claimedUntil < :now)")
	int claim(@Param("ids") Collection<UUID> ids, @Param("token") UUID token, @Param("now") Instant now,
			@Param("until") Instant until);

	List<ExpiryEntry> findByClaimTokenOrderByEnteredAtAscIdAsc(UUID token);

	/** Ends a round's claim on the entries it did not get taken. */
	@Transactional
	@Modifying(clearAutomatically = true)
	@Query("update ExpiryEntry e set e.claimToken = null, e.claimedUntil = null where e.claimToken = :token "
			+ "and e.notifiedAt is null")
	int release(@Param("token") UUID token);

	long countByNotifiedAtIsNull();

	/** The latest entries, newest first. */
	List<ExpiryEntry> findAllByOrderByEnteredAtDescIdDesc(Pageable page);

	@Transactional
	@Modifying
	@Query("update ExpiryEntry e set e.notifiedAt = :at where e.id in :ids and e.notifiedAt is null")
	int markNotified(@Param("ids") Collection<UUID> ids, @Param("at") Instant at);

}
