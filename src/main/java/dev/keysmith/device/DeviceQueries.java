package dev.keysmith.device;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.criteria.Join;
import jakarta.persistence.criteria.Predicate;

import org.springframework.data.jpa.domain.Specification;

/**
 * A {@link DeviceQuery} as a query on the devices joined to their ACTIVE credential, the
 * order included (a page count drops it).
 */
final class DeviceQueries {

	private DeviceQueries() {
	}

	static Specification<Device> of(DeviceQuery query, Instant now) {
		return (root, criteria, builder) -> {
			Join<Device, DeviceCredential> active = root.join("credentials");
			List<Predicate> conditions = new ArrayList<>();
			conditions.add(builder.equal(active.get("state"), CredentialState.ACTIVE));
			if (!query.text().isEmpty()) {
				conditions.add(builder.like(builder.upper(root.get("name")),
						builder.upper(builder.literal("%" + escapeLike(query.text()) + "%")), '\\'));
			}
			Instant before = query.endsBefore(now);
			if (before != null) {
				conditions.add(builder.lessThan(active.get("notAfter"), before));
			}
			Instant from = query.endsFrom(now);
			if (from != null) {
				conditions.add(builder.greaterThanOrEqualTo(active.get("notAfter"), from));
			}
			if (query.serverId() != null) {
				conditions.add(builder.equal(root.get("tbServerId"), query.serverId()));
			}
			if (query.order() == DeviceQuery.Order.DAYS_LEFT) {
				criteria.orderBy(builder.asc(active.get("notAfter")), builder.asc(root.get("name")),
						builder.asc(root.get("id")));
			}
			else {
				criteria.orderBy(builder.asc(root.get("name")), builder.asc(root.get("id")));
			}
			return builder.and(conditions.toArray(Predicate[]::new));
		};
	}

	private static String escapeLike(String text) {
		return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

}
