package dev.keysmith.backup;

import dev.keysmith.audit.AuditLog;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Records in the restored database's audit log that it was restored, from which backup.
 */
@Component
class RestoreAudit implements ApplicationRunner {

	static final String ACTION = "BACKUP_RESTORED";

	private final AuditLog audit;

	private final Environment environment;

	RestoreAudit(AuditLog audit, Environment environment) {
		this.audit = audit;
		this.environment = environment;
	}

	@Override
	public void run(ApplicationArguments args) {
		String file = this.environment.getProperty(RestoreOnStartup.RESTORED_FILE);
		if (file != null) {
			this.audit.record("system", ACTION, "database", file, "restored at start-up (--" + RestoreOnStartup.PROPERTY
					+ "): " + this.environment.getProperty(RestoreOnStartup.RESTORED_DETAIL));
		}
	}

}
