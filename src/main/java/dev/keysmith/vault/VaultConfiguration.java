package dev.keysmith.vault;

import java.util.HashSet;
import java.util.Set;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class VaultConfiguration {

	@Bean
	KeyVault keyVault(VaultProperties properties, ObjectProvider<SealedRecords> sealedRecords) {
		Set<String> inUse = new HashSet<>();
		sealedRecords.orderedStream().forEach((records) -> inUse.addAll(records.vaultKeyIdsInUse()));
		return MasterKeys.open(properties, inUse);
	}

}
