package dev.keysmith.account;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface ApiTokenRepository extends JpaRepository<ApiToken, UUID> {

	List<ApiToken> findByUsernameAndRevokedAtIsNullOrderByCreatedAtDesc(String username);

	Optional<ApiToken> findByIdAndUsernameAndRevokedAtIsNull(UUID id, String username);

	long countByUsernameAndRevokedAtIsNullAndExpiresAtAfter(String username, Instant now);

	/**
	 * Notes a use, unless one was noted since {@code notedBefore}: one write a minute at
	 * most, however busy the token.
	 */
	@Modifying
	@Query("update ApiToken t set t.lastUsedAt = :now where t.id = :id "
			+ "and (t.lastUsedAt is null or t.lastUsedAt < :notedBefore)")
	int noteUse(@Param("id") UUID id, @Param("now") Instant now, @Param("notedBefore") Instant notedBefore);

}
