// Anything by its global id, as Relay's store refetches it.
import { graphql } from 'relay-runtime';

export const query = graphql`
  query NodeLookupQuery($id: ID!) {
    node(id: $id) {
      __typename
      id
      ... on Election { name }
      ... on Council { name }
      ... on Party { name }
      ... on Mayoralty { areaName }
      ... on CouncilResult { council { name } }
    }
  }
`;
