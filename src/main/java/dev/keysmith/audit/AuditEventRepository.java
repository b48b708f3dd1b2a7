package dev.keysmith.audit;

import java.util.List;

import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

interface AuditEventRepository extends JpaRepository<AuditEvent, Long> {

	List<AuditEvent> findByActionOrderByOccurredAtDescIdDesc(String action, Pageable page);

}
