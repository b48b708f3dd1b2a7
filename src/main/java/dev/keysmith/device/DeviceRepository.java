package dev.keysmith.device;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface DeviceRepository extends JpaRepository<Device, UUID> {

	boolean existsByName(String name);

	Page<Device> findByNameContainingIgnoreCase(String text, Pageable pageable);

	List<Device> findByCredentialsId(String credentialsId);

	List<Device> findTop6ByNameKeyAndIdNotOrderByName(String nameKey, UUID id);

	@Query("select distinct d.vaultKeyId from Device d where d.vaultKeyId is not null")
	Set<String> findVaultKeyIds();

}
