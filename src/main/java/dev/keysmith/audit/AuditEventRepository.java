package dev.keysmith.audit;

import java.util.List;

import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

interface AuditEventRepository extends JpaRepository<AuditEvent, Long>, JpaSpecificationExecutor<AuditEvent> {

	List<AuditEvent> findByActionOrderByOccurredAtDescIdDesc(String action, Pageable page);

	List<AuditEvent> findByObjectTypeAndObjectIdOrderByOccurredAtDescIdDesc(String objectType, String objectId);

}
