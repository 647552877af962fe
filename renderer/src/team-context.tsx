/**
 * A team manager's view (issue 17): the team chosen, read from one place by every page that
 * filters to it (`useTeam()`), and the banner that says so on every page while one is chosen.
 * The choice is kept in the person's preferences, so the app opens on it next time.
 */
import { createContext, useContext, type ReactNode } from 'react';

export interface TeamChoice {
  /** The team whose figures the pages show; null for the whole service. */
  team: string | null;
  /** The teams the file has figures for in its latest month, in name order. */
  teams: readonly string[];
  /** Chooses a team (null: the whole service) and remembers it in the person's preferences. */
  setTeam: (team: string | null) => void;
}

const TeamContext = createContext<TeamChoice>({ team: null, teams: [], setTeam: () => undefined });

export const TeamProvider = TeamContext.Provider;

/** The team chosen, and how to choose another. */
export function useTeam(): TeamChoice {
  return useContext(TeamContext);
}

/** Where a team has been chosen: the whole service is one click away. */
export function TeamBanner(): ReactNode {
  const { team, setTeam } = useTeam();
  if (team === null) return null;
  return (
    <div className="team-banner" role="region" aria-label="Showing one team">
      <p className="team-banner__text">
        Showing <strong>{team}</strong> only
      </p>
      <button type="button" className="button button--secondary" onClick={() => setTeam(null)}>
        Show the whole service
      </button>
    </div>
  );
}

/** The team picker in the window's header: the whole service, or one team. */
export function TeamPicker(): ReactNode {
  const { team, teams, setTeam } = useTeam();
  // A team remembered from another file, or one whose figures stopped, can still be left.
  const options = team !== null && !teams.includes(team) ? [...teams, team] : teams;
  if (options.length === 0) return null;
  return (
    <div className="field field--inverse team-picker">
      <label htmlFor="team-picker">Team view</label>
      <select
        id="team-picker"
        value={team ?? ''}
        onChange={(e) => setTeam(e.target.value === '' ? null : e.target.value)}
      >
        <option value="">Whole service</option>
        {options.map((t) => (
          <option key={t} value={t}>
            {t}
          </option>
        ))}
      </select>
    </div>
  );
}
