package dev.keysmith.audit;

import java.util.Optional;

import jakarta.persistence.LockModeType;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface AuditChainHeadRepository extends JpaRepository<AuditChainHead, Integer> {

	/** The head, locked (SELECT ... FOR UPDATE) until the transaction ends. */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select h from AuditChainHead h where h.id = " + AuditChainHead.ID)
	Optional<AuditChainHead> lock();

}
