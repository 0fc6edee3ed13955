package io.agentmesh.verticles.ecs.world;

/**
 * The rules of a world: its map, its food, its creatures' costs and the genetics of their offspring. The defaults
 * give a population that neither starves out nor explodes from a few hundred to a few thousand entities.
 *
 * @param width            map width (wraps)
 * @param height           map height (wraps)
 * @param neighbourRadius  how far a creature perceives others (social interaction, mates)
 * @param foodCell         side of a food cell; food regrows by {@code foodRegrow} per tick up to {@code foodMax}
 * @param adultAge         ticks before a creature may mate
 * @param lifespan         ticks a creature of longevity 0.5 lives (0.5x to 1.5x by its longevity)
 * @param mateEnergy       energy a creature needs to mate; each parent gives a third of it to the child
 * @param mateCooldown     ticks between two matings of one creature
 * @param minDistance      genetic distance below which two creatures are too alike to mate
 * @param maxDistance      genetic distance above which two creatures are too different to mate
 * @param mutationRate     chance that a child's trait mutates
 * @param mutationSize     the most a mutation moves a trait
 * @param populationCap    no births beyond this many entities
 */
public record WorldSettings(float width, float height, float neighbourRadius, float foodCell, float foodRegrow,
                            float foodMax, int adultAge, int lifespan, float mateEnergy, int mateCooldown,
                            float minDistance, float maxDistance, float mutationRate, float mutationSize,
                            int populationCap) {

  /** A map sized for {@code population} creatures at about two per food cell. */
  public static WorldSettings forPopulation(int population, int cap) {
    float side = (float) Math.ceil(Math.sqrt(population / 2.0)) * 4f;
    return new WorldSettings(side, side, 3f, 4f, 0.02f, 2f, 400, 4000, 0.6f, 200, 0.02f, 0.6f, 0.1f, 0.1f, cap);
  }
}
