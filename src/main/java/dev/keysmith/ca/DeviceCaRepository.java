package dev.keysmith.ca;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

interface DeviceCaRepository extends JpaRepository<DeviceCa, UUID> {

	Optional<DeviceCa> findByName(String name);

	List<DeviceCa> findAllByOrderByName();

	List<DeviceCa> findByRetiredAtIsNullOrderByName();

	boolean existsBySha256Fingerprint(String sha256Fingerprint);

}
