package dev.keysmith.account;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

public interface UserAccountRepository extends JpaRepository<UserAccount, String> {

	List<UserAccount> findAllByOrderByUsernameAsc();

	boolean existsByUsernameIgnoreCase(String username);

}
