package dev.keysmith.device;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface DeviceRepository extends JpaRepository<Device, UUID> {

	boolean existsByName(String name);

	Optional<Device> findByName(String name);

	Page<Device> findByNameContainingIgnoreCase(String text, Pageable pageable);

	/**
	 * The devices with a credential in one of these states for the certificate with this
	 * credentialsId.
	 */
	@Query("select distinct c.device from DeviceCredential c where c.credentialsId = :credentialsId "
			+ "and c.state in :states")
	List<Device> findByCredentialsId(@Param("credentialsId") String credentialsId,
			@Param("states") Collection<CredentialState> states);

	List<Device> findTop6ByNameKeyAndIdNotOrderByName(String nameKey, UUID id);

}
