package dev.keysmith.device;

import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

interface DeviceAuditRepository extends JpaRepository<DeviceAudit, Long> {

	List<DeviceAudit> findByDeviceIdOrderByAtDescIdDesc(UUID deviceId);

}
