package io.ordersaga.inventory.domain;

import jakarta.persistence.LockModeType;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface ProductRepository extends JpaRepository<Product, String> {

    /**
     * Locks the products (SELECT ... FOR UPDATE) in ascending SKU order. Every writer of stock locks through here
     * or {@link #lockBySku}, so two orders for overlapping SKUs queue up in the same order and cannot deadlock;
     * the second sees the first one's committed stock, so nothing is oversold and no update is lost.
     */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select p from Product p where p.sku in :skus order by p.sku")
    List<Product> lockAllBySkuIn(@Param("skus") Collection<String> skus);

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select p from Product p where p.sku = :sku")
    Optional<Product> lockBySku(@Param("sku") String sku);

    List<Product> findAllByOrderBySkuAsc();
}
