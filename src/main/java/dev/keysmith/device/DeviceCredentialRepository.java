package dev.keysmith.device;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;
import org.springframework.transaction.annotation.Transactional;

interface DeviceCredentialRepository extends JpaRepository<DeviceCredential, UUID> {

	@Query("select distinct c.vaultKeyId from DeviceCredential c where c.vaultKeyId is not null")
	Set<String> findVaultKeyIds();

	@Query("select c.id from DeviceCredential c where c.keyBinding = :binding and c.sealedPrivateKey is not null")
	List<UUID> findIdsWithKeyBinding(@Param("binding") KeyBinding binding);

	/**
	 * Replaces a key sealed under the fingerprint binding by the same key sealed to its
	 * record, unless another instance did so first.
	 * @return 1 when this call re-sealed it, 0 when it was done already
	 */
	@Transactional
	@Modifying(flushAutomatically = true, clearAutomatically = true)
	@Query("update DeviceCredential c set c.sealedPrivateKey = :ciphertext, c.vaultKeyId = :keyId, "
			+ "c.keyBinding = dev.keysmith.device.KeyBinding.RECORD, c.version = c.version + 1 "
			+ "where c.id = :id and c.keyBinding = dev.keysmith.device.KeyBinding.FINGERPRINT")
	int rebind(@Param("id") UUID id, @Param("ciphertext") String ciphertext, @Param("keyId") String keyId);

}
