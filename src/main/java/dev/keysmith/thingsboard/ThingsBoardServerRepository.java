package dev.keysmith.thingsboard;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface ThingsBoardServerRepository extends JpaRepository<ThingsBoardServer, UUID> {

	Optional<ThingsBoardServer> findByName(String name);

	boolean existsByName(String name);

	List<ThingsBoardServer> findAllByOrderByName();

	@Query("select distinct s.vaultKeyId from ThingsBoardServer s")
	Set<String> findVaultKeyIds();

}
