package io.agentmesh.verticles.ecs.engine;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("The entity store")
class EntityStoreTest {

  private static final ComponentType POSITION = new ComponentType(0, "Position", 2, 0, 0);
  private static final ComponentType ENERGY = new ComponentType(1, "Energy", 1, 0, 0);
  private static final ComponentType LINEAGE = new ComponentType(2, "Lineage", 0, 2, 2);
  private static final ComponentType LINKED = new ComponentType(3, "Linked", 0, 0, 0);

  private final EntityStore store = new EntityStore(List.of(POSITION, ENERGY, LINEAGE, LINKED));

  private void setX(long id, float x) {
    store.archetypeOf(id).floats(POSITION)[0][store.rowOf(id)] = x;
  }

  private float x(long id) {
    return store.archetypeOf(id).floats(POSITION)[0][store.rowOf(id)];
  }

  @Test
  @DisplayName("a stale id never reaches the entity that reuses its slot")
  void generations() {
    long first = store.spawn(POSITION.bit());
    assertThat(store.despawn(first)).isTrue();
    long second = store.spawn(POSITION.bit());
    assertThat(EntityIds.index(second)).as("the slot is reused").isEqualTo(EntityIds.index(first));
    assertThat(second).isNotEqualTo(first);
    assertThat(store.isAlive(first)).isFalse();
    assertThat(store.isAlive(second)).isTrue();
    assertThat(store.despawn(first)).as("a second death of the old id").isFalse();
    assertThat(store.archetypeOf(first)).isNull();
    assertThat(store.isAlive(0)).as("0 is never an entity").isFalse();
  }

  @Test
  @DisplayName("removing a row moves the last one into it, and the moved entity keeps its values")
  void swapRemove() {
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < 200; i++) { // past the first capacity: columns grow
      long id = store.spawn(POSITION.bit() | ENERGY.bit());
      setX(id, i);
      ids.add(id);
    }
    store.despawn(ids.get(3));
    store.despawn(ids.get(0));
    assertThat(store.size()).isEqualTo(198);
    for (int i = 0; i < 200; i++) {
      if (i != 0 && i != 3) {
        assertThat(x(ids.get(i))).as("entity %d", i).isEqualTo(i);
      }
    }
  }

  @Test
  @DisplayName("adding and removing a type moves the entity between archetypes with its other values")
  void changeArchetype() {
    long id = store.spawn(POSITION.bit() | LINEAGE.bit());
    long other = store.spawn(POSITION.bit() | LINEAGE.bit());
    setX(id, 7.5f);
    setX(other, 1.5f);
    store.archetypeOf(id).longs(LINEAGE)[1][store.rowOf(id)] = 42L;
    assertThat(store.add(id, LINKED)).isTrue();
    assertThat(store.add(id, LINKED)).as("already there").isFalse();
    assertThat(store.archetypeOf(id).has(LINKED)).isTrue();
    assertThat(x(id)).isEqualTo(7.5f);
    assertThat(store.archetypeOf(id).longs(LINEAGE)[1][store.rowOf(id)]).isEqualTo(42L);
    assertThat(x(other)).as("the entity left behind keeps its values").isEqualTo(1.5f);
    assertThat(store.remove(id, LINEAGE)).isTrue();
    assertThat(x(id)).isEqualTo(7.5f);
    assertThatThrownBy(() -> store.archetypeOf(id).longs(LINEAGE)).isInstanceOf(IllegalArgumentException.class);
    assertThat(store.archetypes()).hasSize(3);
  }

  @Test
  @DisplayName("a query walks the archetypes holding every type asked, including ones created after it")
  void queries() {
    Query moving = store.query(POSITION.bit() | ENERGY.bit());
    store.spawn(POSITION.bit());
    store.spawn(POSITION.bit() | ENERGY.bit());
    assertThat(moving.count()).isEqualTo(1);
    store.spawn(POSITION.bit() | ENERGY.bit() | LINKED.bit());
    store.spawn(ENERGY.bit());
    assertThat(moving.count()).isEqualTo(2);
    assertThat(moving.archetypes()).hasSize(2);
  }

  @Test
  @DisplayName("changes asked during a tick apply at its end, in order")
  void deferred() {
    StructuralChanges changes = new StructuralChanges(store);
    long parent = store.spawn(POSITION.bit());
    changes.spawn(POSITION.bit() | ENERGY.bit());
    changes.add(parent, LINKED);
    changes.despawn(parent);
    assertThat(store.size()).as("nothing before the end of the tick").isEqualTo(1);
    List<Long> born = new ArrayList<>();
    changes.apply(born::add);
    assertThat(born).hasSize(1);
    assertThat(store.isAlive(born.get(0))).isTrue();
    assertThat(store.isAlive(parent)).isFalse();
    assertThat(changes.isEmpty()).isTrue();
  }

  @Test
  @DisplayName("component ids are dense and unique; a mask naming an unknown type is refused")
  void badTypes() {
    assertThatThrownBy(() -> new EntityStore(List.of(POSITION, new ComponentType(0, "Again", 1, 0, 0))))
      .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ComponentType(64, "Too many", 1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.spawn(1L << 20)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("a list component (stride) keeps each entity's list together through removal, moves and reordering")
  void lists() {
    ComponentType contacts = new ComponentType(0, "Contacts", 1, 0, 1, 4);
    ComponentType tag = new ComponentType(1, "Tag", 0, 0, 0);
    EntityStore lists = new EntityStore(List.of(contacts, tag));
    List<Long> ids = new ArrayList<>();
    for (int e = 0; e < 200; e++) {
      long id = lists.spawn(contacts.bit());
      ids.add(id);
      Archetype at = lists.archetypeOf(id);
      for (int k = 0; k < 4; k++) {
        at.longs(contacts)[0][lists.rowOf(id) * 4 + k] = id * 10 + k;
        at.floats(contacts)[0][lists.rowOf(id) * 4 + k] = e + k / 10f;
      }
    }
    lists.despawn(ids.get(3));
    lists.add(ids.get(7), tag);
    Archetype all = lists.archetypeOf(ids.get(0));
    int[] reversed = new int[all.size()];
    for (int k = 0; k < reversed.length; k++) {
      reversed[k] = reversed.length - 1 - k;
    }
    lists.reorder(all, reversed);
    for (int e = 0; e < 200; e++) {
      long id = ids.get(e);
      if (e == 3) {
        assertThat(lists.isAlive(id)).isFalse();
        continue;
      }
      Archetype at = lists.archetypeOf(id);
      for (int k = 0; k < 4; k++) {
        assertThat(at.longs(contacts)[0][lists.rowOf(id) * 4 + k]).as("entity %d slot %d", e, k)
          .isEqualTo(id * 10 + k);
        assertThat(at.floats(contacts)[0][lists.rowOf(id) * 4 + k]).isEqualTo(e + k / 10f);
      }
    }
  }
}
