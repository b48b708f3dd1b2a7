package dev.keysmith.batch;

import dev.keysmith.push.PushFailure;
import dev.keysmith.verify.Cause;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FailureCausesTests {

	@Test
	void explainWhenAPushOrVerificationCauseThenItsOwnSummary() {
		for (PushFailure failure : PushFailure.values()) {
			assertThat(failure.summary()).as(failure.name()).isNotBlank().endsWith(".");
			assertThat(FailureCauses.explain(failure.name())).isEqualTo(failure.summary());
		}
		for (Cause cause : Cause.values()) {
			assertThat(cause.summary()).as(cause.name()).isNotBlank().endsWith(".");
			assertThat(FailureCauses.explain(cause.name())).isEqualTo(cause.summary());
		}
	}

	@Test
	void explainWhenTheBatchsOwnCauseThenPlainWordsElseThePointerToTheDetail() {
		assertThat(FailureCauses.explain("NAME_TAKEN")).isEqualTo("A Keysmith device of this name already exists.");
		assertThat(FailureCauses.explain("KEYSMITH_BUSY")).contains("no free place");
		assertThat(FailureCauses.explain("ROLLBACK_FAILED")).contains("which certificate ThingsBoard holds");
		assertThat(FailureCauses.explain("NOT_PUSHED")).contains("nothing to activate");
		assertThat(FailureCauses.explain("SOMETHING_NEW")).isEqualTo("See each item's detail.");
	}

}
