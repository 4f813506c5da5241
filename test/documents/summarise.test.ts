import { describe, expect, it } from "vitest";
import { summariseDocument } from "../../src/documents/summarise.ts";

const CV = `Jane Doe
jane@example.com

## Experience
Data Analyst, Acme Corp — Jan 2021 - Present
- Built dashboards in Looker
Junior Analyst at Beta Ltd 2018 – 2020

Projects
- Churn model for a telecom dataset
- Open-source pandas contribution
Project: Airflow pipeline for daily reports

Skills
Languages: Python, SQL, R
Tools: Tableau; dbt | Airflow

Education
BSc Statistics 2014 - 2017`;

describe("summariseDocument", () => {
  it("finds roles (not education), projects and skills in a typical CV", () => {
    expect(summariseDocument(CV)).toEqual({
      roles: ["Data Analyst, Acme Corp — Jan 2021 - Present", "Junior Analyst at Beta Ltd 2018 – 2020"],
      projects: [
        "Churn model for a telecom dataset",
        "Open-source pandas contribution",
        "Airflow pipeline for daily reports",
      ],
      skills: ["Python", "SQL", "R", "Tableau", "dbt", "Airflow"],
    });
  });

  it("reads an inline skills line and de-duplicates case-insensitively", () => {
    expect(summariseDocument("Skills: Python, python, SQL\nTechnical skills: Docker").skills).toEqual([
      "Python",
      "SQL",
      "Docker",
    ]);
  });

  it("returns empty lists for text with no recognisable structure", () => {
    expect(summariseDocument("We are hiring a friendly analyst.")).toEqual({
      roles: [],
      projects: [],
      skills: [],
    });
  });
});
